package io.thanosjvm.store.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thanosjvm.cacheutil.CacheServerProcess;
import io.thanosjvm.cacheutil.RedisClient;
import io.thanosjvm.cacheutil.RedisClientConfig;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The index cache contract on a real Redis 7 (local process) that requires a password, using database 2 and
 * a key prefix, built from Thanos YAML.
 */
class RedisIndexCacheContractTest extends IndexCacheContract {

  private static CacheServerProcess server;

  @BeforeAll
  static void startServer() throws Exception {
    server = CacheServerProcess.redis("s3cret");
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static String yaml(String extra) {
    return """
        type: redis
        config:
          addr: %s
          password: s3cret
          db: 2
          prefix: "thanos:"
          get_multi_batch_size: 64
          max_get_multi_concurrency: 4
        %s""".formatted(server.address(), extra);
  }

  @Override
  protected IndexCache newCache(PrometheusMeterRegistry registry) {
    return IndexCaches.create(yaml("ttl: 10m\n"), 0, registry);
  }

  @Test
  void itemsExpireAfterTheirTtl() throws Exception {
    IndexCache shortLived = IndexCaches.create(yaml("ttl: 1s\n"), 0, registry);
    try {
      String block = newBlockId();
      shortLived.storeSeries(block, 1, value(10, 1));
      await("the item is stored", () -> shortLived.fetchSeries(block, new long[] {1}).size() == 1);
      await("the item expired", () -> shortLived.fetchSeries(block, new long[] {1}).isEmpty());
    } finally {
      ((AutoCloseable) shortLived).close();
    }
  }

  @Test
  void keysArePrefixedAndLiveInTheConfiguredDatabase() throws Exception {
    String block = newBlockId();
    cache.storeSeries(block, 77, value(9, 3));
    awaitSeries(block, new long[] {77});
    RedisClientConfig d = RedisClientConfig.defaults(server.address()).withAuth("", "s3cret")
        .withConcurrency(10, 10, 1, 10);
    RedisClientConfig db2 = d.withDb(2);
    RedisClientConfig db0 = d.withDb(0);
    try (RedisClient inDb2 = new RedisClient(db2, "raw2", registry);
        RedisClient inDb0 = new RedisClient(db0, "raw0", registry)) {
      String key = "thanos:S:" + block + ":77";
      assertThat(inDb2.getMulti(List.of(key)).get(key)).isEqualTo(value(9, 3));
      assertThat(inDb0.getMulti(List.of(key))).isEmpty();
    }
  }

  @Test
  void aWrongPasswordGivesMissesNotErrors() {
    IndexCache wrong = IndexCaches.create(yaml("").replace("s3cret", "wrong"), 0, registry);
    try {
      assertThat(wrong.fetchSeries(newBlockId(), new long[] {1, 2})).isEmpty();
      assertThat(sample("thanos_redis_operation_failures_total{name=\"index-cache\",operation=\"getmulti\","
          + "reason=\"server-error\"}")).isGreaterThanOrEqualTo(1);
    } finally {
      ((RemoteIndexCache) wrong).close();
    }
  }

  @Test
  void clientOperationsAreCountedAndTimed() throws Exception {
    String block = newBlockId();
    cache.storeSeries(block, 1, value(10, 1));
    awaitSeries(block, new long[] {1});
    String labels = "{name=\"index-cache\",operation=\"%s\"}";
    assertThat(sample("thanos_redis_operations_total" + labels.formatted("set"))).isEqualTo(1);
    // the asynchronous set records its duration after the server's reply, which may come after the value is visible
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    while (sample("thanos_redis_operation_duration_seconds_count" + labels.formatted("set")) < 1
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(sample("thanos_redis_operation_duration_seconds_count" + labels.formatted("set"))).isEqualTo(1);
    double gets = sample("thanos_redis_operations_total" + labels.formatted("getmulti"));
    assertThat(gets).isGreaterThanOrEqualTo(1);
    assertThat(sample("thanos_redis_operation_duration_seconds_count" + labels.formatted("getmulti"))).isEqualTo(gets);
    assertThat(registry.scrape()).contains("thanos_redis_operation_duration_seconds_bucket{name=\"index-cache\","
        + "operation=\"getmulti\",le=\"0.001\"}");
  }

  @Test
  void anAclUserAuthenticatesWithUsernameAndPassword() throws Exception {
    try (CacheServerProcess acl = CacheServerProcess.redisWithUser("thanos", "pw")) {
      RemoteIndexCache withUser = (RemoteIndexCache) IndexCaches.create(
          "type: REDIS\nconfig:\n  addr: " + acl.address() + "\n  username: thanos\n  password: pw\n", 0, registry);
      RemoteIndexCache withoutUser = (RemoteIndexCache) IndexCaches.create(
          "type: REDIS\nconfig:\n  addr: " + acl.address() + "\n  password: pw\n", 0, registry);
      try {
        String block = newBlockId();
        withUser.storeSeries(block, 3, value(5, 5));
        await("stored as the ACL user", () -> withUser.fetchSeries(block, new long[] {3}).size() == 1);
        assertThat(withoutUser.fetchSeries(block, new long[] {3})).isEmpty();
      } finally {
        withUser.close();
        withoutUser.close();
      }
    }
  }
}
