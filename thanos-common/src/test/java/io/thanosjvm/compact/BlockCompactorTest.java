package io.thanosjvm.compact;

import static io.thanosjvm.compact.CompactionTestKit.group;
import static io.thanosjvm.compact.CompactionTestKit.metas;
import static io.thanosjvm.compact.CompactionTestKit.sortedDump;
import static io.thanosjvm.compact.CompactionTestKit.unionOfDumps;
import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.block.TestBlocks;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.tsdb.BlockDesc;
import io.thanosjvm.tsdb.Tombstones;
import io.thanosjvm.tsdb.testing.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Horizontal compaction of adjacent blocks made by promtool and by our generator: promtool analyze accepts the
 * result, promtool dump of it equals the union of the inputs' dumps, chunks are copied byte for byte and the
 * meta.json is Prometheus' compacted meta with Thanos' compactor section.
 */
class BlockCompactorTest {

  private static final String OUT_ULID = "01JCXMPACT0000000000000001";
  private static final Map<String, String> LABELS = Map.of("cluster", "eu1", "replica", "a");

  @TempDir
  Path tmp;

  @Test
  void adjacentPromtoolBlocksCompactIntoTheirUnionWithChunksCopied() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Promtool.makeBlocks(src, "--series", "120", "--hours", "6", "--step", "30", "--churn", "--special",
        "--thanos-labels", "cluster=eu1,replica=a");
    List<Path> blocks = Promtool.blocks(src);
    assertThat(blocks).hasSize(3);

    Path out = tmp.resolve("out");
    BlockMeta meta = new BlockCompactor().compact(group(LABELS, 0, metas(blocks)), blocks, out, OUT_ULID);

    assertThat(Promtool.analyze(out, OUT_ULID)).contains("Block ID: " + OUT_ULID);
    assertThat(sortedDump(out.resolve(OUT_ULID))).isEqualTo(unionOfDumps(blocks));
    assertThat(ChunkInventory.of(List.of(out.resolve(OUT_ULID)))).isEqualTo(ChunkInventory.of(blocks));
    assertCompactedMeta(out, meta, metas(blocks));
  }

  @Test
  void adjacentGeneratorBlocksCompactIntoTheirUnionWithChunksCopied() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    List<BlockMeta> inputs = TestBlocks.generate(src, 150, 8, LABELS);
    assertThat(inputs).hasSize(4);
    List<Path> blocks = Promtool.blocks(src);

    Path out = tmp.resolve("out");
    BlockMeta meta = new BlockCompactor().compact(group(LABELS, 0, inputs), blocks, out, OUT_ULID);

    assertThat(Promtool.analyze(out, OUT_ULID)).contains("Block ID: " + OUT_ULID);
    assertThat(sortedDump(out.resolve(OUT_ULID))).isEqualTo(unionOfDumps(blocks));
    assertThat(ChunkInventory.of(List.of(out.resolve(OUT_ULID)))).isEqualTo(ChunkInventory.of(blocks));
    assertCompactedMeta(out, meta, inputs);
  }

  @Test
  void compactingCompactedBlocksRaisesTheLevelAndKeepsTheOriginalSources() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    List<BlockMeta> inputs = TestBlocks.generate(src, 30, 8, LABELS);
    List<Path> blocks = Promtool.blocks(src);
    Path mid = tmp.resolve("mid");
    BlockCompactor compactor = new BlockCompactor();
    BlockMeta first = compactor.compact(group(LABELS, 0, inputs.subList(0, 2)), blocks.subList(0, 2), mid,
        "01JCXMPACT0000000000000002");
    BlockMeta second = compactor.compact(group(LABELS, 0, inputs.subList(2, 4)), blocks.subList(2, 4), mid,
        "01JCXMPACT0000000000000003");

    List<Path> level2 = List.of(mid.resolve(first.ulid()), mid.resolve(second.ulid()));
    Path out = tmp.resolve("out");
    BlockMeta top = compactor.compact(group(LABELS, 0, List.of(first, second)), level2, out, OUT_ULID);

    assertThat(top.compactionLevel()).isEqualTo(3);
    assertThat(top.sources()).containsExactlyElementsOf(new TreeSet<>(inputs.stream().map(BlockMeta::ulid).toList()));
    assertThat(top.parents()).containsExactly(BlockDesc.of(first.tsdb()), BlockDesc.of(second.tsdb()));
    assertThat(sortedDump(out.resolve(OUT_ULID))).isEqualTo(unionOfDumps(blocks));
  }

  @Test
  void tombstonedSamplesAreLeftOut() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    List<BlockMeta> inputs = TestBlocks.generate(src, 26, 4, LABELS);
    List<Path> blocks = Promtool.blocks(src);
    List<String> before = unionOfDumps(blocks);
    var victims = new ArrayList<io.thanosjvm.model.Labels>();
    try (var index = io.thanosjvm.tsdb.index.IndexReader.open(blocks.get(0).resolve("index"))) {
      int[] all = index.allPostings();
      victims.add(index.series(all[0] & 0xFFFFFFFFL).labels());
      victims.add(index.series(all[5] & 0xFFFFFFFFL).labels());
    }
    long delFrom = TestBlocks.START + 30 * 60_000L;
    long delTo = TestBlocks.START + 50 * 60_000L;
    CompactionTestKit.writeTombstones(blocks.get(0), victims, delFrom, delTo);

    Path out = tmp.resolve("out");
    new BlockCompactor().compact(group(LABELS, 0, inputs), blocks, out, OUT_ULID);

    List<String> after = sortedDump(out.resolve(OUT_ULID));
    List<String> expected = new ArrayList<>();
    for (String line : before) {
      long ts = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
      boolean deleted = ts >= delFrom && ts <= delTo && victims.stream().anyMatch(v -> line.startsWith(v + " "));
      if (!deleted) {
        expected.add(line);
      }
    }
    assertThat(expected.size()).as("tombstones delete 2 x 21 samples").isEqualTo(before.size() - 42);
    assertThat(after).isEqualTo(expected);
    assertThat(Promtool.analyze(out, OUT_ULID)).contains("Block ID: " + OUT_ULID);
  }

  @Test
  void aCompactionLeavingNoSamplesWritesNoBlockAndReportsItDeletable() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    List<BlockMeta> inputs = TestBlocks.generate(src, 13, 4, LABELS);
    List<Path> blocks = Promtool.blocks(src);
    var all = new ArrayList<io.thanosjvm.model.Labels>();
    for (Path b : blocks) {
      try (var index = io.thanosjvm.tsdb.index.IndexReader.open(b.resolve("index"))) {
        for (int ref : index.allPostings()) {
          all.add(index.series(ref & 0xFFFFFFFFL).labels());
        }
      }
      CompactionTestKit.writeTombstones(b, all, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    Path out = tmp.resolve("out");
    BlockMeta meta = new BlockCompactor().compact(group(LABELS, 0, inputs), blocks, out, OUT_ULID);

    assertThat(meta.deletable()).isTrue();
    assertThat(meta.numSeries()).isZero();
    assertThat(meta.compactionLevel()).isEqualTo(2);
    assertThat(out.resolve(OUT_ULID)).doesNotExist();
    try (var s = Files.list(out)) {
      assertThat(s.toList()).as("no temporary directory left").isEmpty();
    }
  }

  @Test
  void samplesOutsideTheOutputRangeAreCutAsPrometheusTrimsChunks() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    long t0 = TestBlocks.START;
    long hour = 3_600_000L;
    io.thanosjvm.model.Labels series = io.thanosjvm.model.Labels.of("__name__", "m", "job", "long");
    long[] ts = new long[481];
    double[] vs = new double[481];
    for (int k = 0; k < ts.length; k++) {
      ts[k] = t0 + 15_000L * k;
      vs[k] = k;
    }
    // The first block's chunks run 2 h but its meta.json claims only the first hour.
    String a = "01JA0000000000000000000A01";
    try (var w = new io.thanosjvm.block.BlockWriter(src, a, CompactionTestKit.thanos(LABELS))) {
      w.addSeries(series, ts, vs, ts.length);
      w.commit(t0, t0 + hour);
    }
    String b = "01JA0000000000000000000A02";
    try (var w = new io.thanosjvm.block.BlockWriter(src, b, CompactionTestKit.thanos(LABELS))) {
      w.addSeries(io.thanosjvm.model.Labels.of("__name__", "m", "job", "short"), ts, vs, 121);
      w.commit(t0 + hour / 2, t0 + hour);
    }
    List<Path> blocks = List.of(src.resolve(a), src.resolve(b));

    Path out = tmp.resolve("out");
    BlockMeta meta = new BlockCompactor().compact(group(LABELS, 0, metas(blocks)), blocks, out, OUT_ULID);

    List<String> expected = unionOfDumps(blocks).stream()
        .filter(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1)) < t0 + hour).toList();
    assertThat(expected).hasSize(240 + 121);
    assertThat(sortedDump(out.resolve(OUT_ULID))).isEqualTo(expected);
    assertThat(meta.maxTime()).isEqualTo(t0 + hour);
    assertThat(meta.numSamples()).isEqualTo(240 + 121);
  }

  private static void assertCompactedMeta(Path out, BlockMeta meta, List<BlockMeta> inputs) throws Exception {
    BlockMeta onDisk = BlockMeta.read(out.resolve(OUT_ULID).resolve(BlockMeta.FILE_NAME));
    assertThat(onDisk).isEqualTo(meta);
    assertThat(meta.ulid()).isEqualTo(OUT_ULID);
    assertThat(meta.minTime()).isEqualTo(inputs.stream().mapToLong(BlockMeta::minTime).min().orElseThrow());
    assertThat(meta.maxTime()).isEqualTo(inputs.stream().mapToLong(BlockMeta::maxTime).max().orElseThrow());
    assertThat(meta.compactionLevel()).isEqualTo(2);
    assertThat(meta.sources()).containsExactlyElementsOf(new TreeSet<>(inputs.stream().map(BlockMeta::ulid).toList()));
    assertThat(meta.parents()).containsExactlyElementsOf(inputs.stream().map(m -> BlockDesc.of(m.tsdb())).toList());
    assertThat(meta.numSamples()).isEqualTo(inputs.stream().mapToLong(BlockMeta::numSamples).sum());
    assertThat(meta.numChunks()).isEqualTo(inputs.stream().mapToLong(BlockMeta::numChunks).sum());
    assertThat(meta.numSeries()).isGreaterThanOrEqualTo(inputs.stream().mapToLong(BlockMeta::numSeries).max()
        .orElseThrow());
    ThanosMeta t = meta.thanos().orElseThrow();
    assertThat(t.labels()).isEqualTo(LABELS);
    assertThat(t.resolution()).isZero();
    assertThat(t.source()).isEqualTo("compactor");
    assertThat(t.segmentFiles()).containsExactly("000001");
    assertThat(t.files()).extracting(f -> f.relPath()).containsExactly("chunks/000001", "index", "meta.json");
    assertThat(t.seriesMaxSize()).isPositive();
    assertThat(t.chunkMaxSize()).isPositive();
    assertThat(out.resolve(OUT_ULID).resolve(Tombstones.FILE_NAME)).doesNotExist();
    assertThat(meta.toJson()).contains("\"compaction\": {\n\t\t\"level\": 2,\n\t\t\"sources\": [");
  }
}
