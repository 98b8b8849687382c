package io.thanosjvm.store.cachingbucket;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.store.cache.IndexCacheConfig;
import io.thanosjvm.cacheutil.MemcachedClient;
import io.thanosjvm.cacheutil.RedisClient;
import io.thanosjvm.cacheutil.RemoteCacheClient;
import java.time.Clock;

/** Builds the caching bucket from its YAML ({@code --store.caching-bucket.config}). */
public final class CachingBuckets {

  /** The cache client name in the memcached/Redis client metrics. */
  public static final String CLIENT_NAME = "caching-bucket";

  private CachingBuckets() {}

  /**
   * {@code bucket} behind a caching bucket configured by {@code yaml}.
   *
   * @throws io.thanosjvm.store.cache.InvalidIndexCacheConfigException when the YAML is invalid
   */
  public static CachingBucket wrap(Bucket bucket, String yaml, MeterRegistry registry, Clock clock) {
    CachingBucketConfigParser.CachingBucketConfig config = CachingBucketConfigParser.parse(yaml);
    return new CachingBucket(bucket, client(config.backend(), registry, clock), config.settings(),
        new CachingBucketMetrics(registry));
  }

  private static RemoteCacheClient client(IndexCacheConfig backend, MeterRegistry registry, Clock clock) {
    return switch (backend.type()) {
      case IN_MEMORY -> new InMemoryBytesCache(backend.inMemory().maxSize(), backend.inMemory().maxItemSize(), clock);
      case MEMCACHED -> new MemcachedClient(backend.memcached(), CLIENT_NAME, registry, clock);
      case REDIS -> new RedisClient(backend.redis(), CLIENT_NAME, registry);
    };
  }
}
