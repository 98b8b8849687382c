package io.thanosjvm.store.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.block.fetcher.FetcherMetrics;
import io.thanosjvm.block.fetcher.MetaFetcher;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.MatchType;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.store.cache.IndexCache;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.Series;
import io.thanosjvm.wire.storepb.SeriesResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Series entries and chunks far larger than the block's size estimates (one long, noisy series among many tiny
 * constant ones) are refetched exactly: every sample comes back.
 */
class OversizedEntriesTest {

  @TempDir Path tmp;

  @Test
  void entriesAndChunksBeyondTheEstimateAreRefetched() throws Exception {
    Path bucketDir = Files.createDirectories(tmp.resolve("bucket"));
    long start = 1_718_841_600_000L;
    int bigSamples = 120 * 1000; // 1000 chunks: a series entry of several KiB
    long[] ts = new long[bigSamples];
    double[] vs = new double[bigSamples];
    SplittableRandom rnd = new SplittableRandom(3);
    // no thanos section, as in a block Prometheus wrote: no index_stats, so sizes are estimated from averages
    try (BlockWriter w = new BlockWriter(bucketDir, "01J0QZ6J00A7G3J3Y2D4H5K6M7", null)) {
      for (int i = 0; i < 20000; i++) {
        String name = String.format("a_small_%05d", i);
        for (int k = 0; k < 4; k++) {
          ts[k] = start + k * 1000L;
          vs[k] = 1;
        }
        w.addSeries(Labels.of("__name__", name), ts, vs, 4);
      }
      for (int k = 0; k < bigSamples; k++) {
        ts[k] = start + k * 100L;
        vs[k] = rnd.nextDouble() * 1e6; // incompressible values: chunks of about 1.5 KiB
      }
      w.addSeries(Labels.of("__name__", "z_big"), ts, vs, bigSamples);
      w.commit(start, start + 7_200_000L);
    }
    try (FilesystemBucket bucket = new FilesystemBucket(bucketDir)) {
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      BucketBlockRegistry registry = new BucketBlockRegistry(bucket,
          new MetaFetcher(bucket, 1, List.of(), new FetcherMetrics(meters)), tmp.resolve("data"), 1);
      BucketStore store = new BucketStore(registry, IndexCache.none(), StoreLimits.NONE, 0, Long.MIN_VALUE,
          Long.MAX_VALUE, meters);
      registry.sync();
      BucketBlock block = registry.blocks().get(0);
      assertThat(block.estimatedSeriesSize()).isLessThan(1024); // the big entry is several KiB
      assertThat(block.estimatedChunkSize()).isLessThan(1024); // the big chunks are about 1.5 KiB
      var answer = StoreCalls.<SeriesResponse>call(o -> store.series(BucketStoreTest.request(
          List.of(Matcher.of(MatchType.REGEX, "__name__", ".+")), Long.MIN_VALUE, Long.MAX_VALUE).build(), o)).ok();
      List<Series> series = answer.stream().filter(SeriesResponse::hasSeries).map(SeriesResponse::getSeries).toList();
      assertThat(series).hasSize(20001);
      Series big = series.get(20000);
      assertThat(big.getLabels(0).getValue()).isEqualTo("z_big");
      XorIterator it = new XorIterator();
      int n = 0;
      for (AggrChunk c : big.getChunksList()) {
        byte[] d = c.getRaw().getData().toByteArray();
        it.reset(d, 0, d.length);
        while (it.next()) {
          assertThat(it.atT()).isEqualTo(ts[n]);
          assertThat(it.atV()).isEqualTo(vs[n]);
          n++;
        }
      }
      assertThat(n).isEqualTo(bigSamples);
      registry.close();
    }
  }
}
