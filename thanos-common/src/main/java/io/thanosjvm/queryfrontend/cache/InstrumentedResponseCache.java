package io.thanosjvm.queryfrontend.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Counts and times a cache with Cortex' cache metrics, constant label {@code name}:
 * {@code cortex_cache_fetched_keys_total}, {@code cortex_cache_hits_total} and the histogram
 * {@code cortex_cache_request_duration_seconds{method="fetch"|"store",status_code="200"|"500"}} (Cortex'
 * buckets, 16µs × 4^n).
 */
public final class InstrumentedResponseCache implements ResponseCache {

  private static final Duration[] BUCKETS = new Duration[8];

  static {
    long nanos = 16_000;
    for (int i = 0; i < BUCKETS.length; i++) {
      BUCKETS[i] = Duration.ofNanos(nanos);
      nanos *= 4;
    }
  }

  private final ResponseCache cache;
  private final Counter fetchedKeys;
  private final Counter hits;
  private final Timer fetchOk;
  private final Timer fetchFailed;
  private final Timer storeOk;
  private final Timer storeFailed;

  /** Wraps {@code cache}; {@code name} labels the metrics (e.g. {@code frontend-cache}). */
  public InstrumentedResponseCache(ResponseCache cache, String name, MeterRegistry registry) {
    this.cache = cache;
    this.fetchedKeys = Counter.builder("cortex_cache_fetched_keys").description("Total count of keys requested "
        + "from cache.").tag("name", name).register(registry);
    this.hits = Counter.builder("cortex_cache_hits").description("Total count of keys found in cache.")
        .tag("name", name).register(registry);
    this.fetchOk = timer(registry, name, "fetch", "200");
    this.fetchFailed = timer(registry, name, "fetch", "500");
    this.storeOk = timer(registry, name, "store", "200");
    this.storeFailed = timer(registry, name, "store", "500");
  }

  private static Timer timer(MeterRegistry registry, String name, String method, String status) {
    return Timer.builder("cortex_cache_request_duration").description("Total time spent in seconds doing cache "
        + "requests.").serviceLevelObjectives(BUCKETS).tags("name", name, "method", method, "status_code", status)
        .register(registry);
  }

  @Override
  public Map<String, byte[]> fetch(List<String> keys) {
    long t0 = System.nanoTime();
    fetchedKeys.increment(keys.size());
    try {
      Map<String, byte[]> found = cache.fetch(keys);
      fetchOk.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
      hits.increment(found.size());
      return found;
    } catch (RuntimeException e) {
      fetchFailed.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
      return Map.of();
    }
  }

  @Override
  public void store(String key, byte[] value) {
    long t0 = System.nanoTime();
    try {
      cache.store(key, value);
      storeOk.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
    } catch (RuntimeException e) {
      storeFailed.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void close() {
    cache.close();
  }
}
