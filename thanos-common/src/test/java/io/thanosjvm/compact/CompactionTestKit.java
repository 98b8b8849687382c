package io.thanosjvm.compact;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.tsdb.Tombstones;
import io.thanosjvm.tsdb.encoding.Varints;
import io.thanosjvm.tsdb.index.IndexReader;
import io.thanosjvm.tsdb.testing.Promtool;
import io.thanosjvm.model.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.CRC32C;

/** Helpers for compaction tests: groups, promtool dumps per block, tombstones files. */
final class CompactionTestKit {

  private CompactionTestKit() {}

  /** The group of blocks with these external labels and resolution. */
  static CompactionGroup group(Map<String, String> labels, long resolution, List<BlockMeta> metas) {
    List<BlockMeta> sorted = new ArrayList<>(metas);
    sorted.sort(Planner.BY_MIN_TIME);
    return new CompactionGroup(GroupKey.of(resolution, labels), resolution, labels, sorted);
  }

  /** Reads the metas of block directories. */
  static List<BlockMeta> metas(List<Path> dirs) throws IOException {
    List<BlockMeta> out = new ArrayList<>();
    for (Path d : dirs) {
      out.add(BlockMeta.read(d.resolve(BlockMeta.FILE_NAME)));
    }
    return out;
  }

  /** {@code promtool tsdb dump} of one block alone, as lines. */
  static List<String> dumpBlock(Path blockDir) throws IOException, InterruptedException {
    Path data = Files.createTempDirectory("one-block");
    try {
      Promtool.copyTree(blockDir, data.resolve(blockDir.getFileName().toString()));
      return Promtool.dump(data).lines().toList();
    } finally {
      Promtool.deleteTree(data);
    }
  }

  /** The sorted union of the blocks' dumps, exact duplicate lines removed. */
  static List<String> unionOfDumps(List<Path> blockDirs) throws IOException, InterruptedException {
    TreeSet<String> all = new TreeSet<>();
    for (Path b : blockDirs) {
      all.addAll(dumpBlock(b));
    }
    return List.copyOf(all);
  }

  /** The dump of one block, sorted, checked to hold no duplicate line. */
  static List<String> sortedDump(Path blockDir) throws IOException, InterruptedException {
    List<String> lines = new ArrayList<>(dumpBlock(blockDir));
    lines.sort(null);
    return lines;
  }

  /** A Thanos section for test blocks. */
  static ThanosMeta thanos(Map<String, String> labels) {
    return ThanosMeta.create(labels, 0, "test");
  }

  /**
   * Writes a tombstones file into a block deleting, for each series matching {@code labels}, the closed interval
   * [mint, maxt].
   */
  static void writeTombstones(Path blockDir, List<Labels> series, long mint, long maxt) throws IOException {
    List<Long> refs = new ArrayList<>();
    try (IndexReader index = IndexReader.open(blockDir.resolve("index"))) {
      for (int ref : index.allPostings()) {
        if (series.contains(index.series(ref & 0xFFFFFFFFL).labels())) {
          refs.add(ref & 0xFFFFFFFFL);
        }
      }
    }
    byte[] buf = new byte[refs.size() * 30 + 16];
    int p = 0;
    for (long ref : refs) {
      p = Varints.putUvarint(buf, p, ref);
      p = Varints.putVarint(buf, p, mint);
      p = Varints.putVarint(buf, p, maxt);
    }
    CRC32C crc = new CRC32C();
    crc.update(buf, 0, p);
    int c = (int) crc.getValue();
    byte[] file = new byte[5 + p + 4];
    file[0] = 0x01;
    file[1] = 0x30;
    file[2] = (byte) 0xba;
    file[3] = 0x30;
    file[4] = 1;
    System.arraycopy(buf, 0, file, 5, p);
    file[5 + p] = (byte) (c >>> 24);
    file[6 + p] = (byte) (c >>> 16);
    file[7 + p] = (byte) (c >>> 8);
    file[8 + p] = (byte) c;
    Files.write(blockDir.resolve(Tombstones.FILE_NAME), file);
  }
}
