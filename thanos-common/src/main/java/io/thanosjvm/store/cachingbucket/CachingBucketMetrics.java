package io.thanosjvm.store.cachingbucket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Thanos' caching bucket counters, exported with the {@code _total} suffix:
 * {@code thanos_store_bucket_cache_operation_requests} and {@code thanos_store_bucket_cache_operation_hits} by {@code operation} and {@code config} (the cached
 * object kind: {@code chunks} for range reads and attributes, {@code metafile}, {@code blocks-iter}). A range read
 * counts one request per subrange.
 */
public final class CachingBucketMetrics {

  static final String GET = "get";
  static final String GET_RANGE = "get_range";
  static final String ATTRIBUTES = "attributes";
  static final String EXISTS = "exists";
  static final String ITER = "iter";

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  /** Counters registered in {@code registry}. */
  public CachingBucketMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  private static String config(String operation) {
    return switch (operation) {
      case GET_RANGE, ATTRIBUTES -> "chunks";
      case ITER -> "blocks-iter";
      default -> "metafile";
    };
  }

  private Counter counter(String name, String operation) {
    return counters.computeIfAbsent(name + operation, k -> Counter.builder(name)
        .description(name.endsWith("hits") ? "Number of caching bucket operations served from the cache."
            : "Number of caching bucket operations.")
        .tag("operation", operation).tag("config", config(operation)).register(registry));
  }

  void requested(String operation, int n) {
    counter("thanos_store_bucket_cache_operation_requests", operation).increment(n);
  }

  void hit(String operation, int n) {
    counter("thanos_store_bucket_cache_operation_hits", operation).increment(n);
  }
}
