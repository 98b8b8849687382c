package io.thanosjvm.tools.bucket.verify;

import io.thanosjvm.block.metadata.BlockMeta;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code duplicated_compaction}: overlapping blocks of a group that are exact duplicates (same time range,
 * compaction level, sources and stats), left by an old Thanos bug that compacted the same sources again. All but
 * the first of each set (oldest min time, then smallest ULID) are reported and, with {@code --repair}, backed up and
 * removed.
 */
public final class DuplicatedCompactionIssue implements Issue {

  /** The issue ID. */
  public static final String ID = "duplicated_compaction";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean repairable() {
    return true;
  }

  @Override
  public void verify(VerifyContext ctx, Set<String> ids, boolean repair) throws IOException {
    if (!ids.isEmpty()) {
      throw new IOException("id matching is not supported");
    }
    ctx.log().info("started verifying issue", "with-repair", repair);
    Map<String, Map<Overlaps.Range, List<BlockMeta>>> overlaps = Overlaps.byGroup(ctx.metas().values());
    if (overlaps.isEmpty()) {
      return;
    }
    Set<String> toKill = new LinkedHashSet<>();
    overlaps.forEach((group, o) -> o.forEach((r, blocks) -> {
      List<List<BlockMeta>> dups = duplicatedBlocks(blocks);
      for (List<BlockMeta> d : dups) {
        ctx.log().warn("found duplicated blocks", "group", group, "range-min", r.min(), "range-max", r.max(),
            "kill", sprintMetas(d.subList(1, d.size())));
        d.subList(1, d.size()).forEach(m -> toKill.add(m.ulid()));
      }
      if (dups.isEmpty()) {
        ctx.log().warn("found overlapped blocks, but all of the blocks are unique. Seems like unrelated issue. "
            + "Ignoring overlap", "group", group, "range", "{" + r.min() + " " + r.max() + "}", "overlap",
            sprintMetas(blocks));
      }
    }));
    ctx.log().warn("Found duplicated blocks that are ok to be removed", "ULIDs",
        "[" + String.join(" ", toKill) + "]", "num", toKill.size());
    if (!repair) {
      return;
    }
    int i = 0;
    for (String id : toKill) {
      BackupAndDelete.run(ctx, id);
      i++;
      ctx.log().info("Removed duplicated block", "id", id, "to-be-removed", toKill.size() - i, "removed", i);
    }
    ctx.log().info("Removed all duplicated blocks. You might want to rerun this verify to check if there is still "
        + "any unrelated overlap");
  }

  /** Sets of two or more blocks with the same range, level, sources and stats, in the given order. */
  static List<List<BlockMeta>> duplicatedBlocks(List<BlockMeta> blocks) {
    List<List<BlockMeta>> dups = new ArrayList<>();
    for (BlockMeta b : blocks) {
      boolean added = false;
      for (List<BlockMeta> d : dups) {
        BlockMeta first = d.get(0);
        if (first.minTime() == b.minTime() && first.maxTime() == b.maxTime()
            && first.compactionLevel() == b.compactionLevel() && first.sources().equals(b.sources())
            && first.numSamples() == b.numSamples() && first.numSeries() == b.numSeries()
            && first.numChunks() == b.numChunks() && first.numTombstones() == b.numTombstones()) {
          d.add(b);
          added = true;
          break;
        }
      }
      if (!added) {
        dups.add(new ArrayList<>(List.of(b)));
      }
    }
    dups.removeIf(d -> d.size() < 2);
    return dups;
  }

  private static String sprintMetas(List<BlockMeta> ms) {
    List<String> infos = new ArrayList<>();
    for (BlockMeta m : ms) {
      infos.add(Overlaps.describe(m));
    }
    return "blocks: " + ms.size() + ", [" + String.join(",", infos) + "]";
  }
}
