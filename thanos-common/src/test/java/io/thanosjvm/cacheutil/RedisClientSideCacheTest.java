package io.thanosjvm.cacheutil;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Redis client-side caching ({@code cache_size}): values read once are served locally until Redis pushes an
 * invalidation because another client changed them; the local cache stays within its byte bound. Against a real
 * Redis 7 (client tracking over RESP3).
 */
class RedisClientSideCacheTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(50);
    }
  }

  private static long keyspaceHits(CacheServerProcess server) throws Exception {
    Matcher m = Pattern.compile("keyspace_hits:(\\d+)").matcher(server.redisCli("INFO", "stats"));
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void valuesAreServedLocallyUntilRedisSaysTheyChanged() throws Exception {
    try (CacheServerProcess server = CacheServerProcess.redis("");
        RedisClient near = new RedisClient(CacheClientConfigParser.redis(new CacheConfigNode("test", "config",
            (Map<?, ?>) new Yaml().load("addr: " + server.address() + "\ncache_size: 1MB\n"))), "near", registry);
        RedisClient other = new RedisClient(RedisClientConfig.defaults(server.address()), "other", registry)) {
      other.setAsync("k", new byte[] {1}, Duration.ofMinutes(5));
      await("the first value is stored", () -> other.getMulti(List.of("k")).size() == 1);
      await("the near client reads it from Redis", () -> near.getMulti(List.of("k")).size() == 1);

      long before = keyspaceHits(server);
      for (int i = 0; i < 5; i++) {
        assertThat(near.getMulti(List.of("k")).get("k")).containsExactly(1);
      }
      assertThat(keyspaceHits(server)).as("served from the client-side cache").isEqualTo(before);

      other.setAsync("k", new byte[] {2}, Duration.ofMinutes(5));
      await("the change is pushed and the new value read",
          () -> Arrays.equals(near.getMulti(List.of("k")).get("k"), new byte[] {2}));
    }
  }

  @Test
  void theLocalCacheKeepsItsByteBoundAndSkipsFillsRacingAnInvalidation() {
    RedisNearCache cache = new RedisNearCache(100);
    long epoch = cache.epoch();
    cache.fill("a", new byte[40], epoch);
    cache.fill("b", new byte[40], epoch);
    assertThat(cache.lookup(List.of("a", "b"))).containsOnlyKeys("a", "b");
    cache.fill("c", new byte[40], epoch); // evicts the least recently used
    assertThat(cache.bytes()).isLessThanOrEqualTo(100);
    assertThat(cache.lookup(List.of("a", "b", "c"))).containsOnlyKeys("b", "c");
    cache.fill("huge", new byte[200], epoch);
    assertThat(cache.lookup(List.of("huge"))).isEmpty();

    long sent = cache.epoch();
    cache.invalidate(List.of("b"));
    cache.fill("b", new byte[1], sent); // read before the invalidation: may be stale, not kept
    assertThat(cache.lookup(List.of("b"))).isEmpty();
    cache.invalidate(null);
    assertThat(cache.lookup(List.of("c"))).isEmpty();
    assertThat(cache.bytes()).isZero();
  }
}
