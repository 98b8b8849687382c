package io.thanosjvm.compact;

import io.thanosjvm.block.metadata.BlockMeta;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Executes one compaction plan: merges local copies of some blocks of one group into a single new block.
 */
@FunctionalInterface
public interface GroupCompactor {

  /**
   * Merges the blocks into {@code outDir/<ulid>}.
   *
   * @param group the group the blocks belong to; its labels and resolution become the output's Thanos section
   * @param blockDirs local directories of the planned blocks, ordered by min time
   * @param outDir directory the new block is created in
   * @param ulid the new block's ULID
   * @return the new block's meta.json (source {@code compactor}, merged compaction sources and parents)
   * @throws HaltException when the inputs are unhealthy or the result would be invalid
   */
  BlockMeta compact(CompactionGroup group, List<Path> blockDirs, Path outDir, String ulid) throws IOException;
}
