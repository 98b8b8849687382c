package io.thanosjvm.compact;

import static io.thanosjvm.compact.CompactionTestKit.group;
import static io.thanosjvm.compact.CompactionTestKit.metas;
import static io.thanosjvm.compact.CompactionTestKit.sortedDump;
import static io.thanosjvm.compact.CompactionTestKit.unionOfDumps;
import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.model.Labels;
import io.thanosjvm.tsdb.chunks.Chunk;
import io.thanosjvm.tsdb.chunks.ChunkReader;
import io.thanosjvm.tsdb.index.ChunkMeta;
import io.thanosjvm.tsdb.index.IndexReader;
import io.thanosjvm.tsdb.testing.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vertical compaction: overlapping blocks (promtool blocks cut at 2h and at 4h from the same data, plus a block of
 * other timestamps) merge into the union of their samples with identical samples kept once, checked with promtool
 * dump and analyze.
 */
class VerticalCompactionTest {

  private static final Map<String, String> LABELS = Map.of("cluster", "eu1");
  private static final String OUT = "01JCXMPACT000000000000000V";
  private static final long T0 = 1_699_999_200_000L;

  @TempDir
  Path tmp;

  @Test
  void overlappingPromtoolBlocksMergeIntoTheUnionOfTheirSamples() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Promtool.makeBlocks(src, "--series", "60", "--hours", "4", "--step", "30", "--seed", "42", "--special");
    Promtool.makeBlocks(src, "--series", "60", "--hours", "4", "--step", "30", "--seed", "42", "--special",
        "--max-block-duration", "4h");
    List<Labels> someSeries = new ArrayList<>();
    Path first = Promtool.blocks(src).get(0);
    try (IndexReader index = IndexReader.open(first.resolve("index"))) {
      int[] all = index.allPostings();
      for (int i = 0; i < all.length; i += 6) {
        someSeries.add(index.series(all[i] & 0xFFFFFFFFL).labels());
      }
    }
    // Other timestamps (7 s after the 30 s grid) for some of the same series and one new series.
    try (BlockWriter w = new BlockWriter(src, "01JA0000000000000000000007", CompactionTestKit.thanos(LABELS))) {
      List<Labels> series = new ArrayList<>(someSeries);
      series.add(Labels.of("__name__", "zz_extra", "job", "x"));
      series.sort(null);
      long[] ts = new long[180];
      double[] vs = new double[180];
      for (int s = 0; s < series.size(); s++) {
        for (int k = 0; k < ts.length; k++) {
          ts[k] = T0 + 3_600_000L + 7_000 + 30_000L * k;
          vs[k] = s * 1000 + k * 0.25;
        }
        w.addSeries(series.get(s), ts, vs, ts.length);
      }
      w.commit();
    }
    List<Path> blocks = sortedByMinTime(Promtool.blocks(src));
    assertThat(blocks).hasSizeGreaterThanOrEqualTo(4);

    Path out = tmp.resolve("out");
    BlockMeta meta = new BlockCompactor().compact(group(LABELS, 0, metas(blocks)), blocks, out, OUT);

    assertThat(Promtool.analyze(out, OUT)).contains("Block ID: " + OUT);
    List<String> union = unionOfDumps(blocks);
    assertThat(sortedDump(out.resolve(OUT))).isEqualTo(union);
    assertThat(meta.numSamples()).isEqualTo(union.size());
    assertThat(meta.compactionLevel()).isEqualTo(2);
    assertThat(meta.sources()).hasSize(blocks.size());
    assertChunksAtMost120Samples(out.resolve(OUT));
  }

  @Test
  void partiallyIdenticalSamplesAreKeptOnceAndTheFirstBlockWinsOnEqualTimestamps() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Labels shared = Labels.of("__name__", "m", "job", "shared");
    Labels onlyA = Labels.of("__name__", "m", "job", "a");
    Labels onlyB = Labels.of("__name__", "m", "job", "b");
    writeBlock(src, "01JA0000000000000000000001", List.of(onlyA, shared), 0, 90, 0);
    writeBlock(src, "01JA0000000000000000000002", List.of(onlyB, shared), 60, 150, 0);
    // A third block disagrees on the value at some shared timestamps: the first input block (by min time) wins.
    writeBlock(src, "01JA0000000000000000000003", List.of(shared), 80, 85, 0.5);
    List<Path> blocks = sortedByMinTime(Promtool.blocks(src));

    Path out = tmp.resolve("out");
    BlockMeta meta = new BlockCompactor().compact(group(LABELS, 0, metas(blocks)), blocks, out, OUT);

    List<String> expected = unionOfDumps(blocks.subList(0, 2));
    assertThat(sortedDump(out.resolve(OUT))).isEqualTo(expected);
    assertThat(expected).hasSize(361 + 361 + 601);
    assertThat(meta.numSeries()).isEqualTo(3);
    assertThat(Promtool.analyze(out, OUT)).contains("Block ID: " + OUT);
    assertChunksAtMost120Samples(out.resolve(OUT));
  }

  /** Writes a block with samples every 15 s from minute {@code fromMin} to {@code toMin} (inclusive). */
  static void writeBlock(Path dir, String ulid, List<Labels> series, int fromMin, int toMin, double shift)
      throws Exception {
    List<Labels> sorted = new ArrayList<>(series);
    sorted.sort(null);
    int n = (toMin - fromMin) * 4 + 1;
    long[] ts = new long[n];
    double[] vs = new double[n];
    try (BlockWriter w = new BlockWriter(dir, ulid, CompactionTestKit.thanos(LABELS))) {
      for (Labels l : sorted) {
        for (int k = 0; k < n; k++) {
          ts[k] = T0 + fromMin * 60_000L + 15_000L * k;
          vs[k] = Math.sin(ts[k] / 1e6) * 100 + shift;
        }
        w.addSeries(l, ts, vs, n);
      }
      w.commit();
    }
  }

  static List<Path> sortedByMinTime(List<Path> blocks) throws Exception {
    List<Path> out = new ArrayList<>(blocks);
    List<BlockMeta> metas = metas(out);
    out.sort((a, b) -> Planner.BY_MIN_TIME.compare(metas.get(blocks.indexOf(a)), metas.get(blocks.indexOf(b))));
    return out;
  }

  static void assertChunksAtMost120Samples(Path block) throws Exception {
    try (IndexReader index = IndexReader.open(block.resolve("index"));
        ChunkReader chunks = ChunkReader.open(block.resolve("chunks"))) {
      for (int ref : index.allPostings()) {
        for (ChunkMeta m : index.series(ref & 0xFFFFFFFFL).chunks()) {
          Chunk c = chunks.read(m.ref());
          int n = ((c.data()[0] & 0xFF) << 8) | (c.data()[1] & 0xFF);
          assertThat(n).isBetween(1, 120);
        }
      }
    }
  }
}
