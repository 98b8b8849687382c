package io.thanosjvm.store.cache;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.cacheutil.MemcachedClient;
import io.thanosjvm.cacheutil.RedisClient;
import java.time.Clock;

/**
 * Builds the store gateway's index cache from {@code --index-cache.config} (Thanos' YAML) or, without one, an
 * in-memory cache of {@code --index-cache-size} bytes. Remote caches write postings keys with the
 * {@code dss} codec suffix, as current Thanos does, so the values stored must be encoded that way. Caches
 * that hold connections or threads implement {@link AutoCloseable}.
 */
public final class IndexCaches {

  /** The name label of the remote client metrics, as Thanos names its index cache client. */
  public static final String CLIENT_NAME = "index-cache";

  private IndexCaches() {}

  /**
   * Returns the cache {@code yamlOrNull} describes, or an IN-MEMORY cache of {@code defaultInMemoryBytes}
   * when it is null or blank.
   *
   * @throws InvalidIndexCacheConfigException naming the offending key
   */
  public static IndexCache create(String yamlOrNull, long defaultInMemoryBytes, MeterRegistry registry) {
    return create(yamlOrNull, defaultInMemoryBytes, registry, Clock.systemUTC());
  }

  /** As {@link #create(String, long, MeterRegistry)}, with the clock that dates memcached expirations. */
  public static IndexCache create(String yamlOrNull, long defaultInMemoryBytes, MeterRegistry registry,
      Clock clock) {
    if (yamlOrNull == null || yamlOrNull.isBlank()) {
      return new InMemoryIndexCache(InMemoryIndexCacheConfig.ofMaxSize(defaultInMemoryBytes), registry);
    }
    return create(IndexCacheConfigParser.parse(yamlOrNull), registry, clock);
  }

  /** Returns the cache {@code config} describes. */
  public static IndexCache create(IndexCacheConfig config, MeterRegistry registry, Clock clock) {
    IndexCache cache = switch (config.type()) {
      case IN_MEMORY -> new InMemoryIndexCache(config.inMemory(), registry);
      case MEMCACHED -> new RemoteIndexCache(new MemcachedClient(config.memcached(), CLIENT_NAME, registry, clock),
          config.ttl(), CacheKeys.CODEC_STREAMED_SNAPPY, registry);
      case REDIS -> new RemoteIndexCache(new RedisClient(config.redis(), CLIENT_NAME, registry),
          config.ttl(), CacheKeys.CODEC_STREAMED_SNAPPY, registry);
    };
    boolean postings = config.enabled(ItemType.POSTINGS);
    boolean series = config.enabled(ItemType.SERIES);
    return postings && series ? cache : new FilteredIndexCache(cache, postings, series);
  }
}
