package io.thanosjvm.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.store.bucket.StoreGateway;
import io.thanosjvm.store.cache.IndexCache;
import io.thanosjvm.store.cachingbucket.CachingBuckets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The one wiring of the store gateway from {@link ThanosStoreProperties}, shared by {@code thanos store} and the
 * all-in-one: bucket (with the caching bucket), index cache, the started gateway and its readiness.
 */
public final class StoreWiring {

  private static final String PREFIX = "thanos.store";

  private StoreWiring() {}

  /** The bucket of {@code --objstore.config(-file)}, behind {@code --store.caching-bucket.config} when given. */
  public static Bucket bucket(ThanosStoreProperties props, MeterRegistry meters, Clock clock) throws IOException {
    Bucket bucket = BucketFactory.create(props.getObjstore().require(PREFIX), meters, clock);
    return cached(bucket, props, meters, clock);
  }

  /** {@code bucket} behind {@code --store.caching-bucket.config(-file)} when given, else itself. */
  public static Bucket cached(Bucket bucket, ThanosStoreProperties props, MeterRegistry meters, Clock clock)
      throws IOException {
    String caching = !props.getCachingBucketConfigFile().isEmpty()
        ? Files.readString(Path.of(props.getCachingBucketConfigFile())) : props.getCachingBucketConfig();
    return caching.isEmpty() ? bucket : CachingBuckets.wrap(bucket, caching, meters, clock);
  }

  /** The index cache of {@code --index-cache.config(-file)} or {@code --index-cache-size}. */
  public static IndexCache indexCache(ThanosStoreProperties props, MeterRegistry meters) throws IOException {
    return StoreIndexCache.create(props, meters);
  }

  /** The gateway with index-headers in {@code --data-dir}, started (its sync loop runs). */
  public static StoreGateway storeGateway(Bucket bucket, IndexCache cache, ThanosStoreProperties p,
      MeterRegistry meters, Clock clock) throws IOException {
    return storeGateway(bucket, cache, p, Path.of(p.getDataDir()), meters, clock);
  }

  /** The gateway with index-headers in {@code dataDir}, started (its sync loop runs). */
  public static StoreGateway storeGateway(Bucket bucket, IndexCache cache, ThanosStoreProperties p, Path dataDir,
      MeterRegistry meters, Clock clock) throws IOException {
    StoreGateway.Settings settings = SettingsMapper.map(p, StoreGateway.Settings.class, PREFIX, Map.of(
        "dataDir", dataDir,
        "minTime", p.getTimeRange().minTimeMillis(clock), "maxTime", p.getTimeRange().maxTimeMillis(clock),
        "selector", p.getSelector().relabelConfigs()));
    StoreGateway gateway = StoreGateway.create(bucket, cache, settings, meters, clock);
    gateway.start();
    return gateway;
  }

  /** Readiness: the first bucket sync has finished. */
  public static HealthIndicator health(StoreGateway gateway) {
    return () -> gateway.ready() ? Health.up().build()
        : Health.down().withDetail("reason", "initial block sync not finished").build();
  }
}
