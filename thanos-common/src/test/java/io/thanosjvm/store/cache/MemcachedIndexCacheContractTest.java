package io.thanosjvm.store.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thanosjvm.cacheutil.CacheServerProcess;
import io.thanosjvm.cacheutil.MemcachedClient;
import io.thanosjvm.cacheutil.MemcachedClientConfig;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The index cache contract on a real memcached 1.6 (local process), built from Thanos YAML. */
class MemcachedIndexCacheContractTest extends IndexCacheContract {

  private static CacheServerProcess server;

  @BeforeAll
  static void startServer() throws Exception {
    server = CacheServerProcess.memcached();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected IndexCache newCache(PrometheusMeterRegistry registry) {
    return IndexCaches.create("""
        type: MEMCACHED
        config:
          addresses: [%s]
          timeout: 2s
          max_item_size: 2MiB
          max_get_multi_batch_size: 64
          max_get_multi_concurrency: 4
        ttl: 10m
        """.formatted(server.address()), 0, registry);
  }

  @Test
  void itemsExpireAfterTheirTtl() throws Exception {
    IndexCache shortLived = IndexCaches.create("type: MEMCACHED\nconfig:\n  addresses: [" + server.address()
        + "]\nttl: 2s\n", 0, registry);
    try {
      String block = newBlockId();
      shortLived.storeSeries(block, 1, value(10, 1));
      await("the item is stored", () -> shortLived.fetchSeries(block, new long[] {1}).size() == 1);
      // Thanos writes absolute expirations (now + ttl, whole seconds): gone at most 3 seconds later
      await("the item expired", () -> shortLived.fetchSeries(block, new long[] {1}).isEmpty());
    } finally {
      ((AutoCloseable) shortLived).close();
    }
  }

  @Test
  void postingsKeysCarryThanosFormatOnTheServer() throws Exception {
    String block = newBlockId();
    cache.storePostings(block, "__name__", "up", value(12, 5));
    awaitPostings(block, "__name__", List.of("up"));
    try (MemcachedClient raw = new MemcachedClient(MemcachedClientConfig.defaults(List.of(server.address())), "raw",
        registry, java.time.Clock.systemUTC())) {
      String key = "P:" + block + ":4BTtibLpOZUR1aJHkCHmvdmBQ8Kv8TnO9fkCf4ZBaOs:dss";
      assertThat(raw.getMulti(List.of(key)).get(key)).isEqualTo(value(12, 5));
    }
  }

  @Test
  void clientOperationsAreCountedAndTimed() throws Exception {
    String block = newBlockId();
    cache.storeSeries(block, 1, value(10, 1));
    awaitSeries(block, new long[] {1});
    String labels = "{name=\"index-cache\",operation=\"%s\"}";
    assertThat(sample("thanos_memcached_operations_total" + labels.formatted("set"))).isEqualTo(1);
    // the asynchronous set records its duration after the server's reply, which may come after the value is visible
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    while (sample("thanos_memcached_operation_duration_seconds_count" + labels.formatted("set")) < 1
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(sample("thanos_memcached_operation_duration_seconds_count" + labels.formatted("set"))).isEqualTo(1);
    double gets = sample("thanos_memcached_operations_total" + labels.formatted("getmulti"));
    assertThat(gets).isGreaterThanOrEqualTo(1);
    assertThat(sample("thanos_memcached_operation_duration_seconds_count" + labels.formatted("getmulti"))).isEqualTo(gets);
    assertThat(registry.scrape()).contains("thanos_memcached_operation_duration_seconds_bucket{name=\"index-cache\","
        + "operation=\"getmulti\",le=\"0.001\"}");
  }
}
