package io.thanosjvm.cacheutil;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The Redis client against the other topologies Thanos' redis config allows, all real Redis 7 processes: a
 * master found through a Sentinel ({@code master_name}) and a three-node Redis Cluster (several addresses), where
 * one multi-get spans hash slots of every node.
 */
class RedisTopologiesTest {

  @TempDir
  Path dir;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static RedisClientConfig parse(String yaml) {
    Map<?, ?> map = new Yaml().load(yaml);
    return CacheClientConfigParser.redis(new CacheConfigNode("test config", "config", map));
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void aSentinelLeadsTheClientToItsMaster() throws Exception {
    try (CacheServerProcess master = CacheServerProcess.redis("");
        CacheServerProcess sentinel = CacheServerProcess.sentinel(master, "cache-master", dir);
        RedisClient viaSentinel = new RedisClient(parse("addr: " + sentinel.address()
            + "\nmaster_name: cache-master\ndb: 1\n"), "sentinel", registry);
        RedisClient direct = new RedisClient(RedisClientConfig.defaults(master.address()).withDb(1), "direct",
            registry)) {
      viaSentinel.setAsync("k1", new byte[] {1, 2, 3}, Duration.ofMinutes(5));
      await("the value is stored through the Sentinel's master", () -> viaSentinel.getMulti(List.of("k1")).size() == 1);
      assertThat(direct.getMulti(List.of("k1", "k2")).get("k1")).containsExactly(1, 2, 3);
    }
  }

  @Test
  void aClusterServesMultiGetsAcrossSlotsInBatches() throws Exception {
    List<CacheServerProcess> nodes = CacheServerProcess.redisCluster(dir.resolve("cluster"));
    try {
      String addr = String.join(",", nodes.stream().map(CacheServerProcess::address).toList());
      try (RedisClient cluster = new RedisClient(parse("addr: " + addr + "\nget_multi_batch_size: 16\n"
          + "max_get_multi_concurrency: 3\nprefix: \"t:\"\n"), "cluster", registry)) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          keys.add("S:01HQZ3D7X5RJ1K0000000000AA:" + i);
          cluster.setAsync(keys.get(i), new byte[] {(byte) i, 7}, Duration.ofMinutes(5));
        }
        await("all keys are stored across the cluster", () -> cluster.getMulti(keys).size() == keys.size());
        Map<String, byte[]> all = cluster.getMulti(keys);
        for (int i = 0; i < 100; i++) {
          assertThat(all.get(keys.get(i))).containsExactly((byte) i, 7);
        }
        for (CacheServerProcess node : nodes) {
          try (RedisClient one = new RedisClient(RedisClientConfig.defaults(node.address()), "node", registry)) {
            // each node holds only its slots' keys: a single-node MGET of foreign slots is refused (MOVED)
            assertThat(one.getMulti(List.of("t:" + keys.get(0), "t:" + keys.get(1), "t:" + keys.get(2))).size())
                .isLessThan(3);
          }
        }
      }
    } finally {
      for (CacheServerProcess node : nodes) {
        node.close();
      }
    }
  }
}
