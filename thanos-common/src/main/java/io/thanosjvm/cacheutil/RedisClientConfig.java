package io.thanosjvm.cacheutil;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code config} section of a {@code REDIS} cache (Thanos' {@code cacheutil.RedisClientConfig}), with
 * Thanos' defaults. One address is a single server; several (comma-separated) are nodes of a Redis Cluster;
 * with {@code master_name} they are the Sentinels that name the master.
 *
 * @param addr {@code host:port}, or several separated by commas (required)
 * @param username ACL user name, empty for the default user ({@code username})
 * @param password password, empty for none ({@code password})
 * @param db database selected after connecting ({@code db}, 0; a cluster only has 0)
 * @param prefix prepended to every key ({@code prefix}, empty)
 * @param dialTimeout connect timeout, TLS handshake included ({@code dial_timeout}, 5s)
 * @param readTimeout how long a multi-get batch may take ({@code read_timeout}, 3s)
 * @param writeTimeout how long a write may take ({@code write_timeout}, 3s)
 * @param maxGetMultiConcurrency MGET batches in flight, 0 = unlimited ({@code max_get_multi_concurrency}, 100)
 * @param getMultiBatchSize keys per MGET, 0 = unlimited ({@code get_multi_batch_size}, 100)
 * @param maxSetMultiConcurrency Thanos' set-multi concurrency ({@code max_set_multi_concurrency}, 100); read and
 *     validated, but no cache here writes several keys at once (Thanos' caches do not either)
 * @param setMultiBatchSize Thanos' set-multi batch size ({@code set_multi_batch_size}, 100); as above
 * @param maxAsyncConcurrency background writers ({@code max_async_concurrency}, 20)
 * @param maxAsyncBufferSize queued writes before new ones are dropped ({@code max_async_buffer_size}, 10000)
 * @param maxIdleConnections {@code pool_size} (100), read for compatibility: Lettuce multiplexes every command
 *     over one connection per server, so there is no pool to size
 * @param tlsEnabled connect with TLS ({@code tls_enabled}, false)
 * @param tls the TLS settings ({@code tls_config}), used when {@code tlsEnabled}
 * @param cacheSize client-side cache size in bytes, 0 = off ({@code cache_size}, 0)
 * @param masterName the Sentinel master set; the addresses are then Sentinels ({@code master_name}, empty)
 */
public record RedisClientConfig(String addr, String username, String password, int db, String prefix,
    Duration dialTimeout, Duration readTimeout, Duration writeTimeout, int maxGetMultiConcurrency,
    int getMultiBatchSize, int maxSetMultiConcurrency, int setMultiBatchSize, int maxAsyncConcurrency,
    int maxAsyncBufferSize, int maxIdleConnections, boolean tlsEnabled, RedisTlsConfig tls, long cacheSize,
    String masterName) {

  /** How the addresses are used. */
  public enum Mode {
    /** One Redis server. */
    STANDALONE,
    /** The nodes of a Redis Cluster (several addresses, no master name). */
    CLUSTER,
    /** Sentinels naming the master of {@code master_name}. */
    SENTINEL
  }

  /** Validates the values. */
  public RedisClientConfig {
    if (addr == null || addr.isBlank()) {
      throw new IllegalArgumentException("no redis addr provided");
    }
    List<String> addresses = split(addr);
    for (String a : addresses) {
      CacheServer.parseHostPort(a);
    }
    if (db < 0) {
      throw new IllegalArgumentException("redis db must not be negative, got " + db);
    }
    if (db != 0 && masterName.isEmpty() && addresses.size() > 1) {
      throw new IllegalArgumentException("redis db " + db + ": a Redis Cluster (several addresses) only has db 0");
    }
    if (maxAsyncConcurrency <= 0 || maxAsyncBufferSize <= 0) {
      throw new IllegalArgumentException("redis max async concurrency and buffer size must be positive");
    }
    if (dialTimeout.isNegative() || readTimeout.isNegative() || writeTimeout.isNegative()
        || maxGetMultiConcurrency < 0 || getMultiBatchSize < 0 || maxSetMultiConcurrency < 0
        || setMultiBatchSize < 0 || maxIdleConnections < 0 || cacheSize < 0) {
      throw new IllegalArgumentException("redis timeouts, sizes and concurrency must not be negative");
    }
    if (tls == null) {
      tls = RedisTlsConfig.NONE;
    }
  }

  /** Thanos' defaults for {@code addr}. */
  public static RedisClientConfig defaults(String addr) {
    return new RedisClientConfig(addr, "", "", 0, "", Duration.ofSeconds(5), Duration.ofSeconds(3),
        Duration.ofSeconds(3), 100, 100, 100, 100, 20, 10_000, 100, false, RedisTlsConfig.NONE, 0, "");
  }

  /** The addresses of {@link #addr()}, in order. */
  public List<String> addresses() {
    return split(addr);
  }

  /** Whether the addresses are one server, cluster nodes or Sentinels. */
  public Mode mode() {
    if (!masterName.isEmpty()) {
      return Mode.SENTINEL;
    }
    return addresses().size() > 1 ? Mode.CLUSTER : Mode.STANDALONE;
  }

  /** This config authenticating as {@code user} (empty = default user) with {@code pass}. */
  public RedisClientConfig withAuth(String user, String pass) {
    return new RedisClientConfig(addr, user, pass, db, prefix, dialTimeout, readTimeout, writeTimeout,
        maxGetMultiConcurrency, getMultiBatchSize, maxSetMultiConcurrency, setMultiBatchSize, maxAsyncConcurrency,
        maxAsyncBufferSize, maxIdleConnections, tlsEnabled, tls, cacheSize, masterName);
  }

  /** This config selecting database {@code database}. */
  public RedisClientConfig withDb(int database) {
    return new RedisClientConfig(addr, username, password, database, prefix, dialTimeout, readTimeout,
        writeTimeout, maxGetMultiConcurrency, getMultiBatchSize, maxSetMultiConcurrency, setMultiBatchSize,
        maxAsyncConcurrency, maxAsyncBufferSize, maxIdleConnections, tlsEnabled, tls, cacheSize, masterName);
  }

  /** This config with TLS on and {@code settings}. */
  public RedisClientConfig withTls(RedisTlsConfig settings) {
    return new RedisClientConfig(addr, username, password, db, prefix, dialTimeout, readTimeout, writeTimeout,
        maxGetMultiConcurrency, getMultiBatchSize, maxSetMultiConcurrency, setMultiBatchSize, maxAsyncConcurrency,
        maxAsyncBufferSize, maxIdleConnections, true, settings, cacheSize, masterName);
  }

  /** This config with the given multi-get batching and background writers. */
  public RedisClientConfig withConcurrency(int getConcurrency, int getBatchSize, int asyncConcurrency,
      int asyncBufferSize) {
    return new RedisClientConfig(addr, username, password, db, prefix, dialTimeout, readTimeout, writeTimeout,
        getConcurrency, getBatchSize, maxSetMultiConcurrency, setMultiBatchSize, asyncConcurrency,
        asyncBufferSize, maxIdleConnections, tlsEnabled, tls, cacheSize, masterName);
  }

  private static List<String> split(String addr) {
    List<String> out = new ArrayList<>();
    for (String a : addr.split(",")) {
      String t = a.trim();
      if (t.isEmpty()) {
        throw new IllegalArgumentException("redis addr \"" + addr + "\" has an empty address");
      }
      out.add(t);
    }
    return out;
  }
}
