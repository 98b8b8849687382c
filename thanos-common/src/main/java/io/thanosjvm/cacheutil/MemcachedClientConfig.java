package io.thanosjvm.cacheutil;

import java.time.Duration;
import java.util.List;

/**
 * The {@code config} section of a {@code MEMCACHED} index cache, with Thanos' defaults.
 *
 * @param addresses {@code host:port} of every server (required); {@code dns+host:port} resolves all A/AAAA
 *     records once at start
 * @param timeout connect and socket read timeout ({@code timeout}, 500ms)
 * @param maxIdleConnections idle connections kept per server ({@code max_idle_connections}, 100)
 * @param maxAsyncConcurrency background writers ({@code max_async_concurrency}, 20)
 * @param maxAsyncBufferSize queued writes before new ones are dropped ({@code max_async_buffer_size}, 10000)
 * @param maxGetMultiConcurrency get batches in flight, 0 = unlimited ({@code max_get_multi_concurrency}, 100)
 * @param maxItemSize largest value written or kept, 0 = unlimited ({@code max_item_size}, 1MiB)
 * @param maxGetMultiBatchSize keys per {@code get}, 0 = unlimited ({@code max_get_multi_batch_size}, 0)
 * @param dnsProviderUpdateInterval accepted for compatibility; {@code dns+} names are resolved once
 *     ({@code dns_provider_update_interval}, 10s)
 */
public record MemcachedClientConfig(List<String> addresses, Duration timeout, int maxIdleConnections,
    int maxAsyncConcurrency, int maxAsyncBufferSize, int maxGetMultiConcurrency, long maxItemSize,
    int maxGetMultiBatchSize, Duration dnsProviderUpdateInterval) {

  /** Validates the values as Thanos does. */
  public MemcachedClientConfig {
    addresses = List.copyOf(addresses);
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("no memcached addresses provided");
    }
    if (dnsProviderUpdateInterval.isNegative() || dnsProviderUpdateInterval.isZero()) {
      throw new IllegalArgumentException("DNS provider update interval must be positive");
    }
    if (maxAsyncConcurrency <= 0) {
      throw new IllegalArgumentException("max async concurrency must be positive");
    }
    if (maxAsyncBufferSize <= 0) {
      throw new IllegalArgumentException("max async buffer size must be positive");
    }
    if (timeout.isNegative() || maxIdleConnections < 0 || maxGetMultiConcurrency < 0 || maxItemSize < 0
        || maxGetMultiBatchSize < 0) {
      throw new IllegalArgumentException("memcached timeout, connection counts and sizes must not be negative");
    }
  }

  /** Thanos' defaults for {@code addresses}. */
  public static MemcachedClientConfig defaults(List<String> addresses) {
    return new MemcachedClientConfig(addresses, Duration.ofMillis(500), 100, 20, 10_000, 100, 1024 * 1024, 0,
        Duration.ofSeconds(10));
  }
}
