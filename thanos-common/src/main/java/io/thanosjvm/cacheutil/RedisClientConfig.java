package io.thanosjvm.cacheutil;

import java.time.Duration;

/**
 * The {@code config} section of a {@code REDIS} index cache, with Thanos' defaults, as far as this client
 * implements it (one server, no TLS, no sentinel, no client-side caching: those keys are refused when set).
 *
 * @param addr {@code host:port} of the server (required)
 * @param username ACL user name, empty for the default user ({@code username})
 * @param password password, empty for none ({@code password})
 * @param db database selected after connecting ({@code db}, 0)
 * @param prefix prepended to every key ({@code prefix}, empty)
 * @param dialTimeout connect timeout ({@code dial_timeout}, 5s)
 * @param readTimeout socket read timeout ({@code read_timeout}, 3s)
 * @param writeTimeout accepted; Java socket writes are bounded by the kernel buffers ({@code write_timeout}, 3s)
 * @param maxGetMultiConcurrency MGET batches in flight, 0 = unlimited ({@code max_get_multi_concurrency}, 100)
 * @param getMultiBatchSize keys per MGET, 0 = unlimited ({@code get_multi_batch_size}, 100)
 * @param maxAsyncConcurrency background writers ({@code max_async_concurrency}, 20)
 * @param maxAsyncBufferSize queued writes before new ones are dropped ({@code max_async_buffer_size}, 10000)
 * @param maxIdleConnections idle connections kept ({@code pool_size}, 100)
 */
public record RedisClientConfig(String addr, String username, String password, int db, String prefix,
    Duration dialTimeout, Duration readTimeout, Duration writeTimeout, int maxGetMultiConcurrency,
    int getMultiBatchSize, int maxAsyncConcurrency, int maxAsyncBufferSize, int maxIdleConnections) {

  /** Validates the values. */
  public RedisClientConfig {
    if (addr == null || addr.isEmpty()) {
      throw new IllegalArgumentException("no redis addr provided");
    }
    if (addr.contains(",")) {
      throw new IllegalArgumentException("redis addr \"" + addr + "\": several addresses (cluster mode) are not "
          + "supported by this implementation");
    }
    CacheServer.parseHostPort(addr);
    if (db < 0) {
      throw new IllegalArgumentException("redis db must not be negative, got " + db);
    }
    if (maxAsyncConcurrency <= 0 || maxAsyncBufferSize <= 0) {
      throw new IllegalArgumentException("redis max async concurrency and buffer size must be positive");
    }
    if (dialTimeout.isNegative() || readTimeout.isNegative() || writeTimeout.isNegative()
        || maxGetMultiConcurrency < 0 || getMultiBatchSize < 0 || maxIdleConnections < 0) {
      throw new IllegalArgumentException("redis timeouts, sizes and concurrency must not be negative");
    }
  }

  /** Thanos' defaults for {@code addr}. */
  public static RedisClientConfig defaults(String addr) {
    return new RedisClientConfig(addr, "", "", 0, "", Duration.ofSeconds(5), Duration.ofSeconds(3),
        Duration.ofSeconds(3), 100, 100, 20, 10_000, 100);
  }
}
