package io.thanosjvm.store.cache;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads Thanos' index cache YAML ({@code type}, {@code config}, {@code enabled_items}, {@code ttl}) strictly:
 * unknown keys, unknown types and Thanos options this implementation does not provide (TLS, sentinel,
 * client-side caching, auto-discovery, circuit breakers) are errors naming the key.
 */
public final class IndexCacheConfigParser {

  private IndexCacheConfigParser() {}

  /**
   * Parses {@code yaml}.
   *
   * @throws InvalidIndexCacheConfigException naming the offending key
   */
  public static IndexCacheConfig parse(String yaml) {
    CacheConfigNode top = new CacheConfigNode("", firstDocument(yaml));
    String typeName = top.string("type", "");
    if (typeName.isEmpty()) {
      throw top.error("type", "missing required key (IN-MEMORY, MEMCACHED or REDIS)");
    }
    IndexCacheType type = IndexCacheType.parse(typeName);
    if (type == null) {
      throw top.error("type", "index cache with type " + typeName + " is not supported "
          + "(IN-MEMORY, MEMCACHED or REDIS)");
    }
    CacheConfigNode section = top.child("config");
    Set<ItemType> items = EnumSet.noneOf(ItemType.class);
    for (String name : top.strings("enabled_items")) {
      ItemType item = ItemType.byLabel(name);
      if (item == null) {
        throw top.error("enabled_items", "unsupported item type " + name + " (Postings, Series or ExpandedPostings)");
      }
      items.add(item);
    }
    Duration ttl = top.duration("ttl", Duration.ZERO);
    if (ttl.isNegative()) {
      throw top.error("ttl", "must not be negative");
    }
    if (ttl.isZero()) {
      ttl = RemoteIndexCache.DEFAULT_TTL;
    }
    top.finish();
    try {
      return switch (type) {
        case IN_MEMORY -> new IndexCacheConfig(type, inMemory(section), null, null, items, ttl);
        case MEMCACHED -> new IndexCacheConfig(type, null, memcached(section), null, items, ttl);
        case REDIS -> new IndexCacheConfig(type, null, null, redis(section), items, ttl);
      };
    } catch (InvalidIndexCacheConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidIndexCacheConfigException("index cache config: key 'config': " + e.getMessage(), e);
    }
  }

  private static InMemoryIndexCacheConfig inMemory(CacheConfigNode c) {
    long maxSize = c.bytes("max_size", InMemoryIndexCacheConfig.DEFAULT_MAX_SIZE);
    long maxItemSize = c.bytes("max_item_size", InMemoryIndexCacheConfig.DEFAULT_MAX_ITEM_SIZE);
    c.finish();
    return new InMemoryIndexCacheConfig(maxSize, maxItemSize);
  }

  private static MemcachedClientConfig memcached(CacheConfigNode c) {
    MemcachedClientConfig d = MemcachedClientConfig.defaults(java.util.List.of("unset:1"));
    java.util.List<String> addresses = c.strings("addresses");
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

  private static RedisClientConfig redis(CacheConfigNode c) {
    RedisClientConfig d = RedisClientConfig.defaults("unset:1");
    String addr = c.string("addr", "");
    if (addr.isEmpty()) {
      throw c.error("addr", "no redis addr provided");
    }
    int poolSize = c.integer("pool_size", d.maxIdleConnections());
    RedisClientConfig config = new RedisClientConfig(addr,
        c.string("username", ""),
        c.string("password", ""),
        c.integer("db", 0),
        c.string("prefix", ""),
        c.duration("dial_timeout", d.dialTimeout()),
        c.duration("read_timeout", d.readTimeout()),
        c.duration("write_timeout", d.writeTimeout()),
        c.integer("max_get_multi_concurrency", d.maxGetMultiConcurrency()),
        c.integer("get_multi_batch_size", d.getMultiBatchSize()),
        c.integer("max_async_concurrency", d.maxAsyncConcurrency()),
        c.integer("max_async_buffer_size", d.maxAsyncBufferSize()),
        poolSize);
    // accepted for compatibility; connection handling does not need them
    c.integer("min_idle_conns", 10);
    c.duration("idle_timeout", Duration.ofMinutes(5));
    c.duration("max_conn_age", Duration.ZERO);
    c.integer("max_set_multi_concurrency", 100);
    c.integer("set_multi_batch_size", 100);
    if (c.bool("tls_enabled", false)) {
      throw c.error("tls_enabled", "TLS to Redis is not supported by this implementation");
    }
    CacheConfigNode tls = c.child("tls_config");
    for (String key : new String[] {"ca_file", "cert_file", "key_file", "server_name", "min_version"}) {
      tls.string(key, "");
    }
    tls.bool("insecure_skip_verify", false);
    tls.finish();
    if (c.bytes("cache_size", 0) != 0) {
      throw c.error("cache_size", "Redis client-side caching is not supported by this implementation; use 0");
    }
    if (!c.string("master_name", "").isEmpty()) {
      throw c.error("master_name", "Redis Sentinel is not supported by this implementation");
    }
    circuitBreaker(c);
    c.finish();
    return config;
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

  private static Map<?, ?> firstDocument(String yaml) {
    return CacheConfigNode.CONFIG.firstMapping(yaml, "type, config, enabled_items and ttl");
  }
}
