package io.thanosjvm.tools.bucket.verify;

import io.thanosjvm.block.BlockCopier;
import io.thanosjvm.block.BlockDeleter;
import io.thanosjvm.block.Markers;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.objstore.IterOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Thanos' {@code verifier.BackupAndDelete}: a block a repair replaces is first copied byte for byte to the backup
 * bucket (refused when the backup already holds that block: blocks are immutable), then removed from the source:
 * deleted at once with {@code --delete-delay=0s}, otherwise marked for deletion ("manual verify-repair") for the
 * compactor to delete after the delay. (Thanos also writes the mark after deleting at once, leaving a lone
 * deletion-mark.json behind; this does not.)
 */
public final class BackupAndDelete {

  private BackupAndDelete() {}

  /** Backs up block {@code id} and deletes or marks it. */
  public static void run(VerifyContext ctx, String id) throws IOException {
    if (ctx.backup() == null) {
      throw new IOException("repair is specified, so backup client is required");
    }
    List<String> existing = new ArrayList<>();
    ctx.backup().iter(id, existing::add, IterOptions.allObjects());
    if (!existing.isEmpty()) {
      throw new IOException(id + " dir seems to exists in backup bucket. Remove this block manually if you are sure "
          + "it is safe to do");
    }
    new BlockCopier(ctx.bucket(), ctx.backup()).copy(id);
    if (ctx.deleteDelay().isZero()) {
      ctx.log().info("Deleting block", "id", id);
      new BlockDeleter(ctx.bucket()).delete(id);
      return;
    }
    ctx.log().info("Marking block as deleted", "id", id);
    new Markers(ctx.bucket(), ctx.clock()).mark(id, MarkerKind.DELETION, "manual verify-repair", null);
  }
}
