package io.thanosjvm.store.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.block.fetcher.FetcherMetrics;
import io.thanosjvm.block.fetcher.MetaFetcher;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.MatchType;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.store.cache.IndexCache;
import io.thanosjvm.tsdb.chunkenc.AggrChunk;
import io.thanosjvm.tsdb.chunkenc.ChunkEncoding;
import io.thanosjvm.tsdb.chunkenc.XorChunkWriter;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import io.thanosjvm.tsdb.chunks.Chunk;
import io.thanosjvm.tsdb.index.ChunkMeta;
import io.thanosjvm.wire.storepb.Aggr;
import io.thanosjvm.wire.storepb.Series;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolution selection over raw, 5m and 1h blocks of one external-label set (coarsest resolution within
 * {@code max_resolution_window}, gaps filled from finer ones), and downsampled chunks reduced to the requested
 * aggregates.
 */
class DownsampledBlocksTest {

  static final long H = 3_600_000L;
  static final long T0 = 1_718_841_600_000L;
  @TempDir Path tmp;
  BucketStore store;

  /** Raw data [20h, 24h); 5m data [8h, 24h); 1h data [0h, 16h). Values encode the resolution: 0, 5, 60. */
  @BeforeEach
  void blocks() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("bucket"));
    writeRaw(dir, "01J0R0000000000000000RAW01", T0 + 20 * H, T0 + 24 * H);
    writeAggr(dir, "01J0R000000000000000005M01", 300_000, T0 + 8 * H, T0 + 24 * H, 5);
    writeAggr(dir, "01J0R000000000000000001H01", 3_600_000, T0, T0 + 16 * H, 60);
    FilesystemBucket bucket = new FilesystemBucket(dir);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    BucketBlockRegistry registry = new BucketBlockRegistry(bucket,
        new MetaFetcher(bucket, 1, List.of(), new FetcherMetrics(meters)), tmp.resolve("data"), 1);
    store = new BucketStore(registry, IndexCache.none(), StoreLimits.NONE, 0, Long.MIN_VALUE, Long.MAX_VALUE, meters);
    assertThat(registry.sync().loaded()).isEqualTo(3);
  }

  static ThanosMeta meta(long resolution) {
    return ThanosMeta.create(Map.of("cluster", "eu1"), resolution, "compactor");
  }

  static void writeRaw(Path dir, String ulid, long from, long to) throws Exception {
    int n = (int) ((to - from) / 60_000);
    long[] ts = new long[n];
    double[] vs = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = from + i * 60_000L;
    }
    try (BlockWriter w = new BlockWriter(dir, ulid, meta(0))) {
      w.addSeries(Labels.of("__name__", "m"), ts, vs, n);
      w.commit(from, to);
    }
  }

  static void writeAggr(Path dir, String ulid, long res, long from, long to, double value) throws Exception {
    List<ChunkMeta> metas = new ArrayList<>();
    List<Chunk> chunks = new ArrayList<>();
    for (long start = from; start < to; start += 120 * res) {
      long end = Math.min(to, start + 120 * res);
      XorChunkWriter count = new XorChunkWriter();
      XorChunkWriter sum = new XorChunkWriter();
      XorChunkWriter min = new XorChunkWriter();
      XorChunkWriter max = new XorChunkWriter();
      long last = start;
      for (long t = start + res - 1; t < end; t += res) {
        count.append(t, 2);
        sum.append(t, 2 * value);
        min.append(t, value);
        max.append(t, value);
        last = t;
      }
      chunks.add(new Chunk(ChunkEncoding.AGGR, AggrChunk.encodeXor(count.bytes(), sum.bytes(), min.bytes(),
          max.bytes(), null)));
      metas.add(new ChunkMeta(start + res - 1, last, 0));
    }
    try (BlockWriter w = new BlockWriter(dir, ulid, meta(res))) {
      w.addSeriesChunks(Labels.of("__name__", "m"), metas, chunks);
      w.commit(from, to);
    }
  }

  List<Series> series(long window, Aggr... aggrs) {
    SeriesRequest.Builder r = BucketStoreTest.request(List.of(Matcher.of(MatchType.EQUAL, "__name__", "m")),
        T0, T0 + 24 * H - 1).setMaxResolutionWindow(window);
    for (Aggr a : aggrs) {
      r.addAggregates(a);
    }
    return StoreCalls.<SeriesResponse>call(o -> store.series(r.build(), o)).ok().stream()
        .filter(SeriesResponse::hasSeries).map(SeriesResponse::getSeries).toList();
  }

  /** For each chunk: "resolution-marker@hour-of-start" from the MIN aggregate, or "raw@hour". */
  static List<String> coverage(Series s) {
    List<String> out = new ArrayList<>();
    XorIterator it = new XorIterator();
    for (var c : s.getChunksList()) {
      String kind;
      if (c.hasRaw()) {
        kind = "raw";
      } else {
        byte[] d = c.getMin().getData().toByteArray();
        it.reset(d, 0, d.length);
        it.next();
        kind = it.atV() == 60 ? "1h" : "5m";
      }
      out.add(kind + "@" + (c.getMinTime() - T0) / H);
    }
    return out;
  }

  @Test
  void rawWindowServesOnlyRawBlocks() {
    List<Series> s = series(0, Aggr.RAW);
    assertThat(s).hasSize(1);
    assertThat(coverage(s.get(0))).containsExactly("raw@20", "raw@22"); // 120 one-minute samples per chunk
  }

  @Test
  void fiveMinuteWindowUsesFiveMinuteBlocksWhereTheyCoverAndNeverCoarserOnes() {
    // 5m covers [8h, 24h) so the raw block inside it is not read; before 8h only the 1h block has data, and 1h is
    // above the window: nothing is served there
    List<Series> s = series(300_000, Aggr.MIN, Aggr.COUNT);
    assertThat(coverage(s.get(0))).containsExactly("5m@8", "5m@18");
  }

  @Test
  void hourWindowPrefersHourBlocksThenFiveMinutesThenRaw() {
    List<Series> s = series(3_600_000, Aggr.MIN);
    assertThat(coverage(s.get(0))).startsWith("1h@0").contains("5m@18").doesNotContain("raw@20");
  }

  @Test
  void downsampledChunksCarryOnlyTheRequestedAggregates() {
    Series s = series(3_600_000, Aggr.COUNT, Aggr.SUM).get(0);
    var first = s.getChunks(0);
    assertThat(first.hasCount()).isTrue();
    assertThat(first.hasSum()).isTrue();
    assertThat(first.hasMin()).isFalse();
    assertThat(first.hasMax()).isFalse();
    assertThat(first.hasRaw()).isFalse();
  }
}
