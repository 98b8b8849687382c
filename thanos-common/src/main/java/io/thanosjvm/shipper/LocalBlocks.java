package io.thanosjvm.shipper;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.tsdb.InvalidMetaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The completed blocks of a TSDB directory: sub-directories named by a ULID (so never {@code wal},
 * {@code chunks_head}, {@code <ULID>.tmp-for-creation} or the shipper's own {@code thanos/} staging dir).
 */
final class LocalBlocks {

  /**
   * One scan.
   *
   * @param metas readable blocks, oldest first (by minTime, then ULID)
   * @param corrupted block directories whose meta.json is missing or invalid, with the reason
   */
  record Scan(List<BlockMeta> metas, List<String> corrupted) {
    Scan {
      metas = List.copyOf(metas);
      corrupted = List.copyOf(corrupted);
    }
  }

  private LocalBlocks() {}

  /** Scans {@code tsdbDir}; a missing directory is an error (the TSDB path is wrong). */
  static Scan scan(Path tsdbDir) throws IOException {
    List<Path> dirs;
    try (Stream<Path> s = Files.list(tsdbDir)) {
      dirs = s.filter(p -> BlockMeta.isUlid(p.getFileName().toString())).filter(Files::isDirectory).toList();
    }
    List<BlockMeta> metas = new ArrayList<>();
    List<String> corrupted = new ArrayList<>();
    for (Path dir : dirs) {
      Path metaFile = dir.resolve(BlockMeta.FILE_NAME);
      try {
        BlockMeta meta = BlockMeta.read(metaFile);
        if (!meta.ulid().equals(dir.getFileName().toString())) {
          corrupted.add(dir + ": meta.json ulid " + meta.ulid() + " differs from the directory name");
          continue;
        }
        metas.add(meta);
      } catch (IOException | InvalidMetaException e) {
        corrupted.add(dir + ": read metadata: " + e.getMessage());
      }
    }
    metas.sort(Comparator.comparingLong(BlockMeta::minTime).thenComparing(BlockMeta::ulid));
    return new Scan(metas, corrupted);
  }
}
