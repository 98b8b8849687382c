package io.thanosjvm.compact;

import static io.thanosjvm.compact.CompactionTestKit.group;
import static io.thanosjvm.compact.CompactionTestKit.metas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.block.TestBlocks;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.compact.downsample.BlockDownsampler;
import io.thanosjvm.compact.merge.DedupMode;
import io.thanosjvm.model.Labels;
import io.thanosjvm.tsdb.chunkenc.ChunkEncoding;
import io.thanosjvm.tsdb.chunkenc.XorChunkWriter;
import io.thanosjvm.tsdb.chunks.Chunk;
import io.thanosjvm.tsdb.index.ChunkMeta;
import io.thanosjvm.tsdb.testing.Promtool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downsampled (0xFF aggregate) blocks: adjacent ones compact by copying their chunks, overlapping ones halt. Unhealthy
 * inputs (overlapping chunks in a series, shared compaction sources) halt naming the blocks and leave nothing behind.
 */
class CompactionHaltTest {

  private static final Map<String, String> LABELS = Map.of("cluster", "eu1");
  private static final long RES_5M = 300_000;
  private static final String OUT = "01JCXMPACT000000000000000H";

  @TempDir
  Path tmp;

  @Test
  void adjacentDownsampledBlocksCompactByCopyingTheirAggregateChunks() throws Exception {
    List<Path> ds = downsampled(4);
    assertThat(ds).hasSize(2);
    List<BlockMeta> inputs = metas(ds);
    Path out = tmp.resolve("out");

    BlockMeta meta = new BlockCompactor().compact(group(LABELS, RES_5M, inputs), ds, out, OUT);

    List<String> chunks = ChunkInventory.of(List.of(out.resolve(OUT)));
    assertThat(chunks).isEqualTo(ChunkInventory.of(ds));
    assertThat(chunks).allMatch(c -> c.split(" ")[c.split(" ").length - 2].equals("" + ChunkEncoding.AGGR));
    assertThat(meta.thanos().orElseThrow().resolution()).isEqualTo(RES_5M);
    assertThat(meta.numSamples()).isPositive().isEqualTo(inputs.stream().mapToLong(BlockMeta::numSamples).sum());
    assertThat(meta.numChunks()).isEqualTo(chunks.size());
    assertThat(Promtool.analyze(out, OUT)).contains("Block ID: " + OUT);
  }

  @Test
  void overlappingDownsampledBlocksHalt() throws Exception {
    List<Path> ds = downsampled(2);
    Path copy = copyAsOtherBlock(ds.get(0), "01JA0000000000000000000C0P");
    List<Path> inputs = List.of(ds.get(0), copy);
    Path out = tmp.resolve("out");

    for (DedupMode mode : DedupMode.values()) {
      assertThatThrownBy(() -> new BlockCompactor(mode).compact(group(LABELS, RES_5M, metas(inputs)), inputs, out,
          OUT))
          .isInstanceOf(HaltException.class)
          .hasMessageContaining("vertical compaction of downsampled")
          .satisfies(e -> assertThat(((HaltException) e).blockIds()).contains("01JA0000000000000000000C0P"));
    }
    assertNothingLeftIn(out);
  }

  @Test
  void overlappingChunksInsideASeriesHaltNamingTheBlock() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    String bad = "01JA000000000000000000BAD1";
    XorChunkWriter xor = new XorChunkWriter();
    long t0 = TestBlocks.START;
    for (int i = 0; i < 10; i++) {
      xor.append(t0 + i * 15_000L, i);
    }
    byte[] c1 = xor.bytes();
    try (BlockWriter w = new BlockWriter(src, bad, CompactionTestKit.thanos(LABELS))) {
      w.addSeriesChunks(Labels.of("__name__", "m"),
          List.of(new ChunkMeta(t0, t0 + 135_000, 0), new ChunkMeta(t0 + 60_000, t0 + 195_000, 0)),
          List.of(new Chunk(ChunkEncoding.XOR, c1), new Chunk(ChunkEncoding.XOR, c1)));
      w.commit();
    }
    List<Path> good = TestBlocks.generate(Files.createDirectories(tmp.resolve("good")), 13, 2, LABELS).stream()
        .map(m -> tmp.resolve("good").resolve(m.ulid())).toList();
    List<Path> inputs = List.of(src.resolve(bad), good.get(0));
    Path out = tmp.resolve("out");

    assertThatThrownBy(() -> new BlockCompactor().compact(group(LABELS, 0, metas(inputs)), inputs, out, OUT))
        .isInstanceOf(HaltException.class)
        .hasMessageContaining(bad).hasMessageContaining("overlapping chunks")
        .satisfies(e -> assertThat(((HaltException) e).blockIds()).containsExactly(bad));
    assertNothingLeftIn(out);
  }

  @Test
  void blocksSharingACompactionSourceHalt() throws Exception {
    List<Path> raw = Promtool.blocks(generate(4));
    Path copy = copyAsOtherBlock(raw.get(0), null);
    List<Path> inputs = List.of(raw.get(0), copy);
    assertThatThrownBy(() -> new BlockCompactor().compact(group(LABELS, 0, metas(inputs)), inputs,
        tmp.resolve("out"), OUT))
        .isInstanceOf(HaltException.class).hasMessageContaining("share the compaction source");
  }

  private Path generate(int hours) throws Exception {
    Path src = Files.createDirectories(tmp.resolve("raw"));
    TestBlocks.generate(src, 26, hours, LABELS);
    return src;
  }

  private List<Path> downsampled(int hours) throws Exception {
    Path dsDir = Files.createDirectories(tmp.resolve("ds"));
    int n = 0;
    for (Path raw : Promtool.blocks(generate(hours))) {
      new BlockDownsampler().downsampleBlock(raw, dsDir, RES_5M, "01JA00000000000000000000D" + n++);
    }
    return Promtool.blocks(dsDir);
  }

  /**
   * Copies a block under the ULID {@code newId} (or a fixed one keeping its sources when null), replacing its own
   * ULID and, when {@code newId} is given, its compaction sources too.
   */
  private Path copyAsOtherBlock(Path block, String newId) throws Exception {
    String id = newId == null ? "01JA0000000000000000000SAM" : newId;
    Path target = Files.createDirectories(tmp.resolve("copies")).resolve(id);
    Promtool.copyTree(block, target);
    BlockMeta m = BlockMeta.read(block.resolve(BlockMeta.FILE_NAME));
    String json = Files.readString(target.resolve(BlockMeta.FILE_NAME), StandardCharsets.UTF_8);
    json = json.replace("\"ulid\": \"" + m.ulid() + "\"", "\"ulid\": \"" + id + "\"");
    if (newId != null) {
      for (String s : m.sources()) {
        json = json.replace("\"" + s + "\"", "\"" + id + "\"");
      }
    }
    Files.writeString(target.resolve(BlockMeta.FILE_NAME), json, StandardCharsets.UTF_8);
    return target;
  }

  private static void assertNothingLeftIn(Path out) throws Exception {
    if (Files.exists(out)) {
      try (Stream<Path> s = Files.list(out)) {
        assertThat(s.toList()).isEmpty();
      }
    }
  }
}
