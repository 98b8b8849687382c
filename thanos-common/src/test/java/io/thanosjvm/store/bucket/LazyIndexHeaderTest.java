package io.thanosjvm.store.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.fetcher.FetcherMetrics;
import io.thanosjvm.block.fetcher.MetaFetcher;
import io.thanosjvm.block.TestBlocks;
import io.thanosjvm.model.MatchType;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.store.cache.IndexCache;
import io.thanosjvm.wire.storepb.SeriesResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lazy index-headers: built at load but opened only on first use, closed after the idle time, reopened on the next
 * request; without {@code --cache-index-header} the local files go away when the store stops. With the lazy download
 * strategy they are not even built at load, only on first use; a damaged local copy is built again on first use.
 */
class LazyIndexHeaderTest {

  @TempDir Path tmp;

  @Test
  void openedOnUseClosedWhenIdleReopenedOnDemand() throws Exception {
    Path local = Files.createDirectories(tmp.resolve("local"));
    Path bucketDir = Files.createDirectories(tmp.resolve("bucket"));
    TestBlocks.generate(local, 20, 4, Map.of("cluster", "eu1"));
    AtomicLong now = new AtomicLong(1_000_000);
    InstantSource clock = () -> Instant.ofEpochMilli(now.get());
    try (FilesystemBucket bucket = new FilesystemBucket(bucketDir)) {
      try (var dirs = Files.list(local)) {
        for (Path b : dirs.toList()) {
          new BlockUploader(bucket, Clock.systemUTC()).upload(b, new UploadOptions(Map.of("cluster", "eu1"), "t", 0,
              true));
        }
      }
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      Path data = tmp.resolve("data");
      BucketBlockRegistry registry = new BucketBlockRegistry(bucket,
          new MetaFetcher(bucket, 1, List.of(), new FetcherMetrics(meters)), data, 1, true, false, clock);
      BucketStore store = new BucketStore(registry, IndexCache.none(), StoreLimits.NONE, 0, Long.MIN_VALUE,
          Long.MAX_VALUE, meters);
      assertThat(registry.sync().loaded()).isEqualTo(2);
      assertThat(registry.blocks()).noneMatch(BucketBlock::headerLoaded);

      assertThat(seriesCount(store)).isEqualTo(20);
      assertThat(registry.blocks()).allMatch(BucketBlock::headerLoaded);
      now.addAndGet(Duration.ofMinutes(4).toMillis());
      assertThat(registry.unloadIdle(Duration.ofMinutes(5))).isZero();
      now.addAndGet(Duration.ofMinutes(2).toMillis());
      assertThat(registry.unloadIdle(Duration.ofMinutes(5))).isEqualTo(2);
      assertThat(registry.blocks()).noneMatch(BucketBlock::headerLoaded);

      assertThat(seriesCount(store)).isEqualTo(20);
      assertThat(registry.blocks()).allMatch(BucketBlock::headerLoaded);
      try (var s = Files.list(data)) {
        assertThat(s.count()).isEqualTo(2);
      }
      registry.close();
      try (var s = Files.list(data)) {
        assertThat(s.count()).as("index-headers removed without --cache-index-header").isZero();
      }
    }
  }

  @Test
  void lazyDownloadBuildsIndexHeadersOnFirstUseOnly() throws Exception {
    Path bucketDir = upload(20);
    try (FilesystemBucket bucket = new FilesystemBucket(bucketDir)) {
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      Path data = tmp.resolve("data");
      BucketBlockRegistry registry = new BucketBlockRegistry(bucket,
          new MetaFetcher(bucket, 1, List.of(), new FetcherMetrics(meters)), data, 2,
          BucketBlock.HeaderMode.LAZY_DOWNLOAD, true, Clock.systemUTC());
      BucketStore store = new BucketStore(registry, IndexCache.none(), StoreLimits.NONE, 0, Long.MIN_VALUE,
          Long.MAX_VALUE, meters);
      assertThat(registry.sync().loaded()).isEqualTo(2);
      assertThat(indexHeaders(data)).as("nothing built before the first query").isZero();

      assertThat(seriesCount(store)).isEqualTo(20);
      assertThat(indexHeaders(data)).isEqualTo(2);
      assertThat(registry.blocks()).allMatch(BucketBlock::headerLoaded);
      registry.close();
    }
  }

  @Test
  void damagedLocalIndexHeaderIsBuiltAgainOnFirstUse() throws Exception {
    Path bucketDir = upload(20);
    try (FilesystemBucket bucket = new FilesystemBucket(bucketDir)) {
      SimpleMeterRegistry meters = new SimpleMeterRegistry();
      Path data = tmp.resolve("data");
      BucketBlockRegistry first = new BucketBlockRegistry(bucket,
          new MetaFetcher(bucket, 1, List.of(), new FetcherMetrics(meters)), data, 1, true, true, Clock.systemUTC());
      assertThat(first.sync().loaded()).isEqualTo(2);
      first.close();
      try (var files = Files.walk(data)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Files.write(f, new byte[] {1, 2, 3}); // truncated and garbled
        }
      }
      BucketBlockRegistry registry = new BucketBlockRegistry(bucket,
          new MetaFetcher(bucket, 1, List.of(), new FetcherMetrics(meters)), data, 1, true, true, Clock.systemUTC());
      BucketStore store = new BucketStore(registry, IndexCache.none(), StoreLimits.NONE, 0, Long.MIN_VALUE,
          Long.MAX_VALUE, meters);
      assertThat(registry.sync().loaded()).as("a local copy is reused without opening it at load").isEqualTo(2);
      assertThat(seriesCount(store)).isEqualTo(20);
      registry.close();
    }
  }

  private Path upload(int series) throws Exception {
    Path local = Files.createDirectories(tmp.resolve("local"));
    Path bucketDir = Files.createDirectories(tmp.resolve("bucket"));
    TestBlocks.generate(local, series, 4, Map.of("cluster", "eu1"));
    try (FilesystemBucket bucket = new FilesystemBucket(bucketDir); var dirs = Files.list(local)) {
      for (Path b : dirs.toList()) {
        new BlockUploader(bucket, Clock.systemUTC()).upload(b, new UploadOptions(Map.of("cluster", "eu1"), "t", 0,
            true));
      }
    }
    return bucketDir;
  }

  private static long indexHeaders(Path data) throws Exception {
    if (!Files.exists(data)) {
      return 0;
    }
    try (var files = Files.walk(data)) {
      return files.filter(f -> f.getFileName().toString().equals("index-header")).count();
    }
  }

  private static long seriesCount(BucketStore store) {
    return StoreCalls.<SeriesResponse>call(o -> store.series(BucketStoreTest.request(
        List.of(Matcher.of(MatchType.REGEX, "__name__", ".+")), Long.MIN_VALUE, Long.MAX_VALUE).build(), o)).ok()
        .stream().filter(SeriesResponse::hasSeries).count();
  }
}
