package io.thanosjvm.compact.downsample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.model.Labels;
import io.thanosjvm.promql.ast.GoFloat;
import io.thanosjvm.tools.tsdb.DumpCommand;
import io.thanosjvm.tsdb.Block;
import io.thanosjvm.tsdb.chunkenc.AggrChunk;
import io.thanosjvm.tsdb.chunkenc.AggrType;
import io.thanosjvm.tsdb.chunkenc.ChunkEncoding;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import io.thanosjvm.tsdb.chunks.Chunk;
import io.thanosjvm.tsdb.index.ChunkMeta;
import io.thanosjvm.tsdb.index.SeriesEntry;
import io.thanosjvm.tsdb.testing.Promtool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockDownsamplerTest {

  private static final String RAW = "01HZZZZZZZZZZZZZZZZZZZZZZ0";
  private static final String FIVE = "01HZZZZZZZZZZZZZZZZZZZZZZ5";
  private static final String HOUR = "01HZZZZZZZZZZZZZZZZZZZZZZH";

  @TempDir
  static Path dir;

  private static List<RawSeriesFixture.Series> series;
  private static BlockMeta rawMeta;
  private static BlockMeta fiveMeta;
  private static BlockMeta hourMeta;

  @BeforeAll
  static void writeAndDownsample() throws IOException {
    series = RawSeriesFixture.build();
    Path raw = dir.resolve("raw");
    try (BlockWriter w = new BlockWriter(raw, RAW, ThanosMeta.create(Map.of("cluster", "eu"), 0, "generator"))) {
      for (RawSeriesFixture.Series s : series) {
        w.addSeries(s.labels(), s.ts(), s.vs(), s.ts().length);
      }
      rawMeta = w.commit(RawSeriesFixture.BASE, RawSeriesFixture.BASE + RawSeriesFixture.SPAN);
    }
    BlockDownsampler d = new BlockDownsampler();
    fiveMeta = d.downsampleBlock(raw.resolve(RAW), dir.resolve("5m"), Downsampler.RES_5M, FIVE);
    hourMeta = d.downsampleBlock(dir.resolve("5m").resolve(FIVE), dir.resolve("1h"), Downsampler.RES_1H, HOUR);
  }

  @Test
  void fiveMinuteAggregatesEqualDirectComputationFromRaw() throws IOException {
    Map<Labels, List<AggrChunk>> out = readAggregates(dir.resolve("5m").resolve(FIVE));
    assertThat(out.keySet()).containsExactlyElementsOf(series.stream().map(RawSeriesFixture.Series::labels).toList());
    for (RawSeriesFixture.Series s : series) {
      RawTruth truth = new RawTruth(s.ts(), s.vs());
      int windows = truth.verify(out.get(s.labels()), Downsampler.RES_5M, 0);
      assertThat(windows).as("windows of %s", s.labels()).isPositive();
    }
    // 48 h of 15 s gauge samples: one window per 5 minutes plus the window cut at the start offset.
    Labels gauge = Labels.of("__name__", "temperature", "room", "lab");
    assertThat(new RawTruth(find(gauge).ts(), find(gauge).vs())
        .verify(out.get(gauge), Downsampler.RES_5M, 0)).isEqualTo(576);
    assertThat(out.get(gauge)).as("about 140 windows per chunk").hasSize(5);
  }

  @Test
  void hourAggregatesOfTheFiveMinuteBlockEqualDirectComputationFromRaw() throws IOException {
    Map<Labels, List<AggrChunk>> out = readAggregates(dir.resolve("1h").resolve(HOUR));
    assertThat(out.keySet()).containsExactlyElementsOf(series.stream().map(RawSeriesFixture.Series::labels).toList());
    for (RawSeriesFixture.Series s : series) {
      new RawTruth(s.ts(), s.vs()).verify(out.get(s.labels()), Downsampler.RES_1H, 1e-12);
    }
  }

  @Test
  void downsampledMetaKeepsRangeLabelsAndSourcesWithTheNewResolution() {
    assertThat(fiveMeta.ulid()).isEqualTo(FIVE);
    assertThat(fiveMeta.minTime()).isEqualTo(rawMeta.minTime());
    assertThat(fiveMeta.maxTime()).isEqualTo(rawMeta.maxTime());
    assertThat(fiveMeta.sources()).containsExactly(RAW);
    assertThat(hourMeta.sources()).containsExactly(RAW);
    ThanosMeta t5 = fiveMeta.thanos().orElseThrow();
    assertThat(t5.resolution()).isEqualTo(Downsampler.RES_5M);
    assertThat(t5.source()).isEqualTo("compactor");
    assertThat(t5.labels()).containsExactlyEntriesOf(Map.of("cluster", "eu"));
    assertThat(hourMeta.thanos().orElseThrow().resolution()).isEqualTo(Downsampler.RES_1H);
    assertThat(fiveMeta.numSeries()).isEqualTo(series.size());
    assertThat(fiveMeta.numSamples()).as("sum of count sub-chunk samples").isBetween(576L * 4, 576L * 6);
  }

  @Test
  void downsampledBlocksPassPromtoolAnalyze() throws Exception {
    String five = Promtool.analyze(dir.resolve("5m"), FIVE);
    assertThat(five).contains("Block ID: " + FIVE).contains("Series: " + series.size());
    String hour = Promtool.analyze(dir.resolve("1h"), HOUR);
    assertThat(hour).contains("Block ID: " + HOUR);
  }

  @Test
  void refusesATargetResolutionThatIsNotCoarser() {
    assertThatThrownBy(() -> new BlockDownsampler().downsampleBlock(dir.resolve("5m").resolve(FIVE),
        dir.resolve("again"), Downsampler.RES_5M, "01HZZZZZZZZZZZZZZZZZZZZZZA"))
        .isInstanceOf(DownsampleException.class).hasMessageContaining("not coarser");
  }

  @Test
  void toolsDumpPrintsEachAggregateOfTheDownsampledBlock() throws IOException {
    Path five = dir.resolve("5m").resolve(FIVE);
    Map<Labels, List<AggrChunk>> chunks = readAggregates(five);
    XorIterator it = new XorIterator();
    for (AggrType type : AggrType.values()) {
      StringBuilder expected = new StringBuilder();
      for (Map.Entry<Labels, List<AggrChunk>> e : chunks.entrySet()) {
        for (AggrChunk c : e.getValue()) {
          c.iterator(type, it);
          while (it.next()) {
            expected.append(e.getKey()).append(' ').append(GoFloat.formatG(it.atV())).append(' ').append(it.atT())
                .append('\n');
          }
        }
      }
      assertThat(dump(five, "--aggregate=" + type.name().toLowerCase(Locale.ROOT))).as("dump of %s", type)
          .isEqualTo(expected.toString());
    }
    // without --aggregate: all five, told apart by __aggr__
    String all = dump(five);
    Labels gauge = Labels.of("__name__", "temperature", "room", "lab");
    assertThat(all.lines().filter(l -> l.startsWith("{__aggr__=\"count\", __name__=\"temperature\"")).count())
        .isEqualTo(new RawTruth(find(gauge).ts(), find(gauge).vs()).verify(chunks.get(gauge), Downsampler.RES_5M, 0));
    assertThat(all.lines().count()).isEqualTo(Arrays.stream(AggrType.values())
        .mapToLong(t -> dumpUnchecked(five, "--aggregate=" + t.name().toLowerCase(Locale.ROOT)).lines().count()).sum());
  }

  private static String dumpUnchecked(Path block, String... flags) {
    try {
      return dump(block, flags);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String dump(Path block, String... flags) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of(flags));
    args.add(block.toString());
    int code = new DumpCommand().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  private static RawSeriesFixture.Series find(Labels l) {
    return series.stream().filter(s -> s.labels().equals(l)).findFirst().orElseThrow();
  }

  private static Map<Labels, List<AggrChunk>> readAggregates(Path blockDir) throws IOException {
    Map<Labels, List<AggrChunk>> out = new LinkedHashMap<>();
    try (Block b = Block.open(blockDir)) {
      for (int ref : b.index().allPostings()) {
        SeriesEntry e = b.index().series(ref & 0xFFFFFFFFL);
        List<AggrChunk> chunks = new ArrayList<>();
        for (ChunkMeta m : e.chunks()) {
          Chunk c = b.chunks().read(m.ref());
          assertThat(c.encoding()).isEqualTo(ChunkEncoding.AGGR);
          chunks.add(AggrChunk.parse(c.data(), 0, c.data().length));
        }
        out.put(e.labels(), chunks);
      }
    }
    return out;
  }
}
