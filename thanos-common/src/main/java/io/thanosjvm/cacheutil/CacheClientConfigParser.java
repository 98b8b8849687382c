package io.thanosjvm.cacheutil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Reads the {@code config} section of a MEMCACHED or REDIS cache YAML, shared by the index cache, the caching
 * bucket and the query frontend's results cache as Thanos shares its {@code cacheutil} client configs: keys
 * Thanos accepts are read with Thanos' defaults, unknown keys and Thanos options this implementation does not
 * provide are errors naming the key.
 */
public final class CacheClientConfigParser {

  private CacheClientConfigParser() {}

  /**
   * Reads a MEMCACHED {@code config} section (Thanos' memcached client keys, Thanos' defaults for absent ones).
   *
   * @throws InvalidCacheConfigException naming the offending key
   */
  public static MemcachedClientConfig memcached(CacheConfigNode c) {
    try {
      return readMemcached(c);
    } catch (InvalidCacheConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw c.invalid(e.getMessage(), e);
    }
  }

  private static MemcachedClientConfig readMemcached(CacheConfigNode c) {
    MemcachedClientConfig d = MemcachedClientConfig.defaults(List.of("unset:1"));
    List<String> addresses = c.strings("addresses");
    if (addresses.isEmpty()) {
      throw c.error("addresses", "no memcached addresses provided");
    }
    MemcachedClientConfig config = new MemcachedClientConfig(addresses,
        c.duration("timeout", d.timeout()),
        c.integer("max_idle_connections", d.maxIdleConnections()),
        c.integer("max_async_concurrency", d.maxAsyncConcurrency()),
        c.integer("max_async_buffer_size", d.maxAsyncBufferSize()),
        c.integer("max_get_multi_concurrency", d.maxGetMultiConcurrency()),
        c.bytes("max_item_size", d.maxItemSize()),
        c.integer("max_get_multi_batch_size", d.maxGetMultiBatchSize()),
        c.duration("dns_provider_update_interval", d.dnsProviderUpdateInterval()));
    if (c.bool("auto_discovery", false)) {
      throw c.error("auto_discovery", "ElastiCache auto-discovery is not supported by this implementation");
    }
    circuitBreaker(c);
    c.finish();
    try {
      CacheServer.expand(addresses);
    } catch (IllegalArgumentException e) {
      throw c.error("addresses", e.getMessage());
    }
    return config;
  }

  /**
   * Reads a REDIS {@code config} section (Thanos' redis client keys, Thanos' defaults for absent ones).
   *
   * @throws InvalidCacheConfigException naming the offending key
   */
  public static RedisClientConfig redis(CacheConfigNode c) {
    try {
      return readRedis(c);
    } catch (InvalidCacheConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw c.invalid(e.getMessage(), e);
    }
  }

  private static RedisClientConfig readRedis(CacheConfigNode c) {
    RedisClientConfig d = RedisClientConfig.defaults("unset:1");
    String addr = c.string("addr", "");
    if (addr.isEmpty()) {
      throw c.error("addr", "no redis addr provided");
    }
    String username = c.string("username", "");
    String password = c.string("password", "");
    int db = c.integer("db", 0);
    String prefix = c.string("prefix", "");
    Duration dialTimeout = c.duration("dial_timeout", d.dialTimeout());
    Duration readTimeout = c.duration("read_timeout", d.readTimeout());
    Duration writeTimeout = c.duration("write_timeout", d.writeTimeout());
    int poolSize = c.integer("pool_size", d.maxIdleConnections());
    // accepted for compatibility (older Thanos pool settings); one multiplexed connection needs none of them
    c.integer("min_idle_conns", 10);
    c.duration("idle_timeout", Duration.ofMinutes(5));
    c.duration("max_conn_age", Duration.ZERO);
    int getConcurrency = c.integer("max_get_multi_concurrency", d.maxGetMultiConcurrency());
    int getBatch = c.integer("get_multi_batch_size", d.getMultiBatchSize());
    int setConcurrency = c.integer("max_set_multi_concurrency", d.maxSetMultiConcurrency());
    int setBatch = c.integer("set_multi_batch_size", d.setMultiBatchSize());
    int asyncConcurrency = c.integer("max_async_concurrency", d.maxAsyncConcurrency());
    int asyncBuffer = c.integer("max_async_buffer_size", d.maxAsyncBufferSize());
    boolean tlsEnabled = c.bool("tls_enabled", false);
    CacheConfigNode t = c.child("tls_config");
    RedisTlsConfig tls;
    try {
      tls = new RedisTlsConfig(t.string("ca_file", ""), t.string("cert_file", ""), t.string("key_file", ""),
          t.string("server_name", ""), t.bool("insecure_skip_verify", false), t.string("min_version", ""));
    } catch (IllegalArgumentException e) {
      throw c.error("tls_config", e.getMessage());
    }
    t.finish();
    long cacheSize = c.bytes("cache_size", 0);
    String masterName = c.string("master_name", "");
    circuitBreaker(c);
    c.finish();
    if (cacheSize != 0 && addr.contains(",") && masterName.isEmpty()) {
      throw c.error("cache_size", "client-side caching with a Redis Cluster is not supported by this "
          + "implementation; use 0");
    }
    if (tlsEnabled) {
      for (String file : new String[] {tls.caFile(), tls.certFile(), tls.keyFile()}) {
        if (!file.isEmpty() && !Files.isReadable(Path.of(file))) {
          throw c.error("tls_config", "cannot read " + file);
        }
      }
    }
    return new RedisClientConfig(addr, username, password, db, prefix, dialTimeout, readTimeout, writeTimeout,
        getConcurrency, getBatch, setConcurrency, setBatch, asyncConcurrency, asyncBuffer, poolSize, tlsEnabled, tls,
        cacheSize, masterName);
  }

  private static void circuitBreaker(CacheConfigNode c) {
    CacheConfigNode cb = c.child("set_async_circuit_breaker_config");
    boolean enabled = cb.bool("enabled", false);
    cb.integer("half_open_max_requests", 10);
    cb.duration("open_duration", Duration.ofSeconds(5));
    cb.integer("min_requests", 50);
    cb.integer("consecutive_failures", 5);
    cb.decimal("failure_percent", 0.05);
    cb.finish();
    if (enabled) {
      throw c.error("set_async_circuit_breaker_config", "the set-async circuit breaker is not supported by this "
          + "implementation; writes to a failing server are dropped and counted instead");
    }
  }
}
