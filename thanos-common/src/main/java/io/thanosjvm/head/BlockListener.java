package io.thanosjvm.head;

import io.thanosjvm.block.metadata.BlockMeta;
import java.nio.file.Path;

/**
 * Told about each block the local TSDB cut from its head, after the block directory is complete; e.g.
 * {@code (dir, meta) -> shipper.sync()} hands it to {@link io.thanosjvm.shipper.Shipper}. Runs on the compaction
 * thread; an exception is logged and does not undo the block.
 */
@FunctionalInterface
public interface BlockListener {

  /** A block was written at {@code dir}. */
  void blockCut(Path dir, BlockMeta meta) throws Exception;
}
