package io.thanosjvm.compact.lifecycle;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.MarkerKind;

/** What the lifecycle steps report (the compactor turns it into metrics); every method defaults to nothing. */
public interface LifecycleListener {

  /** A listener that ignores everything. */
  LifecycleListener NONE = new LifecycleListener() {};

  /** A marker of {@code kind} was written for a block. */
  default void blockMarked(String blockId, MarkerKind kind, String reason) {}

  /** A block was deleted from the bucket. */
  default void blockCleaned(String blockId) {}

  /** Deleting a block failed. */
  default void blockCleanupFailed(String blockId, Exception error) {}

  /** Deleting an aborted partial upload was started. */
  default void partialUploadDeletionAttempt(String blockId) {}

  /** A block was downsampled (or the attempt failed). */
  default void downsampled(BlockMeta source, boolean failed) {}
}
