package io.thanosjvm.tools.bucket.verify;

import java.io.IOException;
import java.util.Set;

/**
 * {@code overlapped_blocks}: blocks of one compaction group (same external labels and resolution) whose time
 * ranges overlap, logged per group as Thanos does ({@code msg="found overlapped blocks" group=... overlap=...}).
 * Verify only: overlaps need a human to decide which block is wrong.
 */
public final class OverlappedBlocksIssue implements Issue {

  /** The issue ID. */
  public static final String ID = "overlapped_blocks";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean repairable() {
    return false;
  }

  @Override
  public void verify(VerifyContext ctx, Set<String> ids, boolean repair) throws IOException {
    if (!ids.isEmpty()) {
      throw new IOException("id matching is not supported");
    }
    ctx.log().info("started verifying issue");
    Overlaps.byGroup(ctx.metas().values()).forEach((group, o) ->
        ctx.log().warn("found overlapped blocks", "group", group, "overlap", Overlaps.format(o)));
  }
}
