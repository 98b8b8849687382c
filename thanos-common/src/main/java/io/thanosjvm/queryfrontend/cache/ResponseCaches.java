package io.thanosjvm.queryfrontend.cache;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.cacheutil.MemcachedClient;
import io.thanosjvm.cacheutil.RedisClient;
import java.time.Clock;

/** Builds the configured backend, instrumented with Cortex' cache metrics. */
public final class ResponseCaches {

  /** The {@code name} label of the range results cache's metrics. */
  public static final String QUERY_RANGE_NAME = "frontend-cache";
  /** The {@code name} label of the labels/series results cache's metrics. */
  public static final String LABELS_NAME = "frontend-labels-cache";

  private ResponseCaches() {}

  /** The cache of {@code config}; remote clients connect lazily. */
  public static ResponseCache create(ResponseCacheConfig config, String name, MeterRegistry registry, Clock clock) {
    ResponseCache cache = switch (config.type()) {
      case IN_MEMORY -> new InMemoryResponseCache(config.maxSizeBytes(), config.maxSizeItems(), config.validity(),
          clock);
      case MEMCACHED -> RemoteResponseCache.memcached(new MemcachedClient(config.memcached(), name, registry, clock),
          config.expiration());
      case REDIS -> RemoteResponseCache.redis(new RedisClient(config.redis(), name, registry), config.expiration());
    };
    return new InstrumentedResponseCache(cache, name, registry);
  }
}
