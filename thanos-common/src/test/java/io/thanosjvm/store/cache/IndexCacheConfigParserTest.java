package io.thanosjvm.store.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.cacheutil.ByteSizes;
import io.thanosjvm.model.GoDuration;
import io.thanosjvm.cacheutil.MemcachedClientConfig;
import io.thanosjvm.cacheutil.RedisClientConfig;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Thanos' index cache YAML: types, defaults, sizes, durations, enabled items and errors naming the key. */
class IndexCacheConfigParserTest {

  private static final long MIB = 1024 * 1024;

  @Test
  void inMemoryDefaultsAreThanos() {
    IndexCacheConfig c = IndexCacheConfigParser.parse("type: IN-MEMORY\n");
    assertThat(c.type()).isEqualTo(IndexCacheType.IN_MEMORY);
    assertThat(c.inMemory()).isEqualTo(new InMemoryIndexCacheConfig(250 * MIB, 125 * MIB));
    assertThat(c.enabledItems()).isEmpty();
    assertThat(c.ttl()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void typeIsCaseInsensitiveAndSizesTakeThanosUnits() {
    IndexCacheConfig c = IndexCacheConfigParser.parse(
        "type: in-memory\nconfig:\n  max_size: 1GiB\n  max_item_size: 250MB\nttl: 0\n");
    assertThat(c.inMemory()).isEqualTo(new InMemoryIndexCacheConfig(1024 * MIB, 250 * MIB));
  }

  @Test
  void memcachedKeysAreReadWithThanosDefaultsForTheRest() {
    IndexCacheConfig c = IndexCacheConfigParser.parse("""
        type: MEMCACHED
        config:
          addresses: ["mc-1:11211", "mc-2:11211"]
          timeout: 1m30s
          max_get_multi_batch_size: 500
          max_item_size: 16MiB
          set_async_circuit_breaker_config:
            enabled: false
            failure_percent: 0.1
        enabled_items: [Postings, Series]
        ttl: 5m
        """);
    MemcachedClientConfig m = c.memcached();
    assertThat(m.addresses()).containsExactly("mc-1:11211", "mc-2:11211");
    assertThat(m.timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(m.maxGetMultiBatchSize()).isEqualTo(500);
    assertThat(m.maxItemSize()).isEqualTo(16 * MIB);
    assertThat(m.maxIdleConnections()).isEqualTo(100);
    assertThat(m.maxAsyncConcurrency()).isEqualTo(20);
    assertThat(m.maxAsyncBufferSize()).isEqualTo(10_000);
    assertThat(m.maxGetMultiConcurrency()).isEqualTo(100);
    assertThat(m.dnsProviderUpdateInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.enabledItems()).isEqualTo(Set.of(ItemType.POSTINGS, ItemType.SERIES));
    assertThat(c.ttl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(MemcachedClientConfig.defaults(List.of("x:1")).timeout()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void redisKeysAreReadWithThanosDefaultsForTheRest() {
    IndexCacheConfig c = IndexCacheConfigParser.parse("""
        type: REDIS
        config:
          addr: redis:6379
          username: thanos
          password: pw
          db: 3
          read_timeout: 250ms
          pool_size: 7
          tls_enabled: false
          tls_config: {}
        """);
    RedisClientConfig r = c.redis();
    assertThat(r.addr()).isEqualTo("redis:6379");
    assertThat(r.username()).isEqualTo("thanos");
    assertThat(r.password()).isEqualTo("pw");
    assertThat(r.db()).isEqualTo(3);
    assertThat(r.readTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(r.dialTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(r.getMultiBatchSize()).isEqualTo(100);
    assertThat(r.maxIdleConnections()).isEqualTo(7);
  }

  @Test
  void errorsNameTheOffendingKey() {
    assertError("type: IN-MEMORY\nfoo: 1\n", "key 'foo'", "unknown key");
    assertError("type: IN-MEMORY\nconfig:\n  max_sizes: 1GB\n", "key 'config.max_sizes'", "unknown key");
    assertError("type: GROUPCACHE\n", "key 'type'", "GROUPCACHE is not supported");
    assertError("config: {}\n", "key 'type'", "missing");
    assertError("type: IN-MEMORY\nconfig:\n  max_size: 1000\n", "key 'config.max_size'", "not a byte size");
    assertError("type: IN-MEMORY\nconfig:\n  max_size: 10kB\n", "key 'config.max_size'", "not a byte size");
    assertError("type: IN-MEMORY\nconfig:\n  max_size: 1MB\n  max_item_size: 2MB\n", "key 'config'",
        "max item size (2097152) cannot be bigger than overall cache size (1048576)");
    assertError("type: MEMCACHED\nconfig:\n  timeout: 1s\n", "key 'config.addresses'", "no memcached addresses");
    assertError("type: MEMCACHED\nconfig:\n  addresses: [a:1]\n  timeout: 1d\n", "key 'config.timeout'",
        "unknown unit \"d\"");
    assertError("type: MEMCACHED\nconfig:\n  addresses: [a:1]\n  bogus: 1\n", "key 'config.bogus'", "unknown key");
    assertError("type: MEMCACHED\nconfig:\n  addresses: [dnssrv+_mc._tcp.example]\n", "key 'config.addresses'",
        "not supported");
    assertError("type: MEMCACHED\nconfig:\n  addresses: [a:1]\n  set_async_circuit_breaker_config:\n"
        + "    enabled: true\n", "key 'config.set_async_circuit_breaker_config'", "not supported");
    // TLS and Sentinel are supported since the Lettuce client; what Thanos itself refuses still is
    assertError("type: REDIS\nconfig:\n  addr: r:1\n  tls_enabled: true\n  tls_config:\n    cert_file: c.pem\n",
        "key 'config.tls_config'", "both client key and certificate must be provided");
    assertError("type: REDIS\nconfig:\n  addr: r:1\n  tls_config:\n    ca: x\n", "key 'config.tls_config.ca'",
        "unknown key");
    assertError("type: REDIS\nconfig:\n  db: 1\n", "key 'config.addr'", "no redis addr");
    assertError("type: IN-MEMORY\nenabled_items: [Chunks]\n", "key 'enabled_items'", "unsupported item type Chunks");
    assertError("type: IN-MEMORY\nttl: 5\n", "key 'ttl'", "duration");
    assertError("- a\n- b\n", "expected a mapping", "");
    assertError("type: [\n", "invalid YAML", "");
  }

  private static void assertError(String yaml, String key, String problem) {
    assertThatThrownBy(() -> IndexCacheConfigParser.parse(yaml))
        .isInstanceOf(InvalidIndexCacheConfigException.class)
        .hasMessageContaining(key).hasMessageContaining(problem);
  }

  @Test
  void byteSizesFollowThanosUnits() {
    assertThat(ByteSizes.parse("250MB")).isEqualTo(250 * MIB);
    assertThat(ByteSizes.parse("250MiB")).isEqualTo(250 * MIB);
    assertThat(ByteSizes.parse("1KB")).isEqualTo(1024);
    assertThat(ByteSizes.parse("1.5KiB")).isEqualTo(1536);
    assertThat(ByteSizes.parse("1GiB512MiB")).isEqualTo(1536 * MIB);
    assertThat(ByteSizes.parse("100B")).isEqualTo(100);
    assertThat(ByteSizes.parse("0")).isZero();
    assertThat(ByteSizes.parse("2TB")).isEqualTo(2L << 40);
    assertThat(ByteSizes.parse("1EiB")).isEqualTo(1L << 60);
    for (String bad : new String[] {"", "100", "1kB", "1mb", "1GiB512MB", "MB", "1.MBx", "-1MB", "8EiB"}) {
      assertThatThrownBy(() -> ByteSizes.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void durationsFollowGo() {
    assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("10us")).isEqualTo(Duration.ofNanos(10_000));
    assertThat(GoDuration.parse("10\u00b5s")).isEqualTo(Duration.ofNanos(10_000));
    assertThat(GoDuration.parse("0")).isZero();
    assertThat(GoDuration.parse("-2s")).isEqualTo(Duration.ofSeconds(-2));
    for (String bad : new String[] {"", "5", "1d", "s", "1.s.", "10 s"}) {
      assertThatThrownBy(() -> GoDuration.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void withoutConfigTheFactoryBuildsAnInMemoryCacheOfTheDefaultSize() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    IndexCache c = IndexCaches.create(null, 10 * MIB, registry);
    assertThat(c).isInstanceOf(InMemoryIndexCache.class);
    assertThat(registry.get("thanos_store_index_cache_max_size_bytes").gauge().value()).isEqualTo(10 * MIB);
    assertThat(registry.get("thanos_store_index_cache_max_item_size_bytes").gauge().value()).isEqualTo(10 * MIB);
    assertThat(IndexCaches.create("  \n", 10 * MIB, new SimpleMeterRegistry())).isInstanceOf(InMemoryIndexCache.class);
  }

  @Test
  void enabledItemsLimitWhatIsCached() {
    IndexCache c = IndexCaches.create("type: IN-MEMORY\nenabled_items: [Series]\n", 0, new SimpleMeterRegistry());
    c.storePostings("B", "n", "v", new byte[] {1});
    c.storeSeries("B", 1, new byte[] {2});
    assertThat(c.fetchPostings("B", "n", List.of("v"))).isEmpty();
    assertThat(c.fetchSeries("B", new long[] {1})).containsOnlyKeys(1L);
    IndexCache none = IndexCache.none();
    none.storeSeries("B", 1, new byte[] {2});
    assertThat(none.fetchSeries("B", new long[] {1})).isEmpty();
    assertThat(none.fetchPostings("B", "n", List.of("v"))).isEmpty();
  }
}
