package io.thanosjvm.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.model.TimeRange;
import io.thanosjvm.tools.blocks.GenerateCommand;
import io.thanosjvm.tools.tsdb.DumpCommand;
import io.thanosjvm.tsdb.chunkenc.ChunkEncoding;
import io.thanosjvm.tsdb.chunkenc.XorChunkWriter;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import io.thanosjvm.tsdb.chunks.Chunk;
import io.thanosjvm.tsdb.index.ChunkMeta;
import io.thanosjvm.tsdb.index.SeriesEntry;
import io.thanosjvm.tsdb.testing.Promtool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blocks we write are read identically by the real promtool; our XOR encoder is bit-exact. */
class BlockWriterPromtoolTest {

  @TempDir
  static Path tmp;
  static Path promData;

  @BeforeAll
  static void makePromtoolBlocks() throws Exception {
    promData = tmp.resolve("prom");
    Promtool.makeBlocks(promData, "--series", "300", "--hours", "3", "--step", "60", "--seed", "21", "--churn",
        "--special");
  }

  static String ourDump(Path dir) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = new DumpCommand().run(List.of(dir.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
        System.err);
    assertThat(code).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void reencodingPromtoolChunksFromTheirSamplesGivesIdenticalBytes() throws Exception {
    XorIterator it = new XorIterator();
    XorChunkWriter w = new XorChunkWriter();
    int checked = 0;
    for (Path dir : Promtool.blocks(promData)) {
      try (Block b = Block.open(dir)) {
        for (int ref : b.index().allPostings()) {
          SeriesEntry e = b.index().series(ref);
          for (ChunkMeta m : e.chunks()) {
            Chunk c = b.chunks().read(m.ref());
            assertThat(c.encoding()).isEqualTo(ChunkEncoding.XOR);
            it.reset(c.data(), 0, c.data().length);
            w.reset();
            while (it.next()) {
              w.append(it.atT(), it.atV());
            }
            assertThat(w.minTime()).isEqualTo(m.minTime());
            assertThat(w.maxTime()).isEqualTo(m.maxTime());
            if (!Arrays.equals(w.bytes(), c.data())) {
              assertThat(w.bytes()).as("chunk of %s at %d", e.labels(), m.minTime()).isEqualTo(c.data());
            }
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(1000);
  }

  @Test
  void rewritingPromtoolBlocksChunkByChunkAndFromSamplesKeepsPromtoolDumpIdentical() throws Exception {
    String original = Promtool.dump(promData);
    Path chunkCopy = tmp.resolve("rewrite-chunks");
    Path sampleCopy = tmp.resolve("rewrite-samples");
    Ulid ulids = new Ulid(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), new java.util.Random(1));
    for (Path dir : Promtool.blocks(promData)) {
      try (Block b = Block.open(dir);
          BlockWriter byChunk = new BlockWriter(chunkCopy, ulids.next(), null);
          BlockWriter bySample = new BlockWriter(sampleCopy, ulids.next(), null)) {
        Iterator<BlockSeries> it = b.select(TimeRange.ALL, List.of());
        long[] ts = new long[100_000];
        double[] vs = new double[100_000];
        while (it.hasNext()) {
          BlockSeries s = it.next();
          List<Chunk> data = new ArrayList<>();
          for (ChunkMeta m : s.chunks()) {
            data.add(b.chunks().read(m.ref()));
          }
          byChunk.addSeriesChunks(s.labels(), s.chunks(), data);
          SampleIterator si = s.iterator();
          int n = 0;
          while (si.next()) {
            ts[n] = si.atT();
            vs[n++] = si.atV();
          }
          bySample.addSeries(s.labels(), ts, vs, n);
        }
        BlockMeta m1 = byChunk.commit(b.meta().minTime(), b.meta().maxTime());
        BlockMeta m2 = bySample.commit();
        assertThat(m1.numSamples()).isEqualTo(b.meta().numSamples());
        assertThat(m1.numSeries()).isEqualTo(b.meta().numSeries());
        assertThat(m2.numSamples()).isEqualTo(b.meta().numSamples());
        assertThat(Promtool.analyze(chunkCopy, m1.ulid())).contains("Block ID: " + m1.ulid());
      }
    }
    assertThat(Promtool.dump(chunkCopy)).isEqualTo(original);
    assertThat(Promtool.dump(sampleCopy)).isEqualTo(original);
    assertThat(ourDump(chunkCopy)).isEqualTo(original);
  }

  @Test
  void generatedBlocksAreReadByPromtoolLikeByUs() throws Exception {
    Path gen = tmp.resolve("gen");
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    TreeMap<String, String> ext = new TreeMap<>(Map.of("cluster", "eu1", "replica", "0"));
    List<BlockMeta> metas = new GenerateCommand(clock).generate(new GenerateCommand.Options(gen, 300,
        1_700_000_000_000L, 5 * 3_600_000L, 30_000, 7_200_000, 42, ext));
    assertThat(metas).hasSize(3);
    for (BlockMeta m : metas) {
      assertThat(m.minTime() % 7_200_000).isZero();
      assertThat(m.maxTime() - m.minTime()).isEqualTo(7_200_000);
      assertThat(m.thanos().orElseThrow().labels()).isEqualTo(ext);
      assertThat(m.thanos().orElseThrow().source()).isEqualTo("generator");
      String analyze = Promtool.analyze(gen, m.ulid());
      assertThat(analyze).contains("Block ID: " + m.ulid()).contains("Series: " + m.numSeries());
    }
    String theirs = Promtool.dump(gen);
    assertThat(theirs).contains("gen_request_duration_seconds_bucket").contains("le=\"+Inf\"");
    assertThat(ourDump(gen)).isEqualTo(theirs);
    assertThat(theirs.lines().count()).isEqualTo(metas.stream().mapToLong(BlockMeta::numSamples).sum());
  }
}
