package io.thanosjvm.store.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thanosjvm.cacheutil.CacheServerProcess;
import io.thanosjvm.cacheutil.MemcachedClient;
import io.thanosjvm.cacheutil.MemcachedClientConfig;
import io.thanosjvm.objstore.PeerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cache server that is stopped, unreachable or silent gives misses, never a failed query; writes that cannot
 * be queued are dropped and counted; memcached keys land on the server the jump hash picks.
 */
class RemoteCacheFailureTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  private <T extends AutoCloseable> T closing(T c) {
    closeables.add(c);
    return c;
  }

  private double sample(String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(registry.scrape());
    assertThat(m.find()).as("%s in scrape:%n%s", series, registry.scrape()).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static String failures(String prefix, String op, String reason) {
    return prefix + "operation_failures_total{name=\"index-cache\",operation=\"" + op + "\",reason=\"" + reason
        + "\"}";
  }

  private IndexCache memcachedCache(String address, String extra) {
    IndexCache c = IndexCaches.create("type: MEMCACHED\nconfig:\n  addresses: [" + address + "]\n  timeout: 300ms\n"
        + extra, 0, registry);
    closing((AutoCloseable) c);
    return c;
  }

  private IndexCache redisCache(String address) {
    IndexCache c = IndexCaches.create("type: REDIS\nconfig:\n  addr: " + address
        + "\n  dial_timeout: 300ms\n  read_timeout: 300ms\n", 0, registry);
    closing((AutoCloseable) c);
    return c;
  }

  private void stopAndRecover(CacheServerProcess server, IndexCache cache, String metricPrefix) throws Exception {
    String block = IndexCacheContract.newBlockId();
    cache.storeSeries(block, 1, new byte[] {1, 2, 3});
    IndexCacheContract.await("stored", () -> cache.fetchSeries(block, new long[] {1}).size() == 1);

    server.stop();
    assertThat(cache.fetchSeries(block, new long[] {1, 2})).isEmpty();
    assertThat(cache.fetchPostings(block, "job", List.of("a"))).isEmpty();
    cache.storeSeries(block, 5, new byte[] {5});
    cache.storePostings(block, "job", "a", new byte[] {6});
    assertThat(sample(failures(metricPrefix, "getmulti", "network-error"))).isGreaterThanOrEqualTo(2);
    IndexCacheContract.await("failed writes are counted",
        () -> sample(failures(metricPrefix, "set", "network-error")) >= 2);

    server.restart(); // empty again, and every pooled connection is stale
    IndexCacheContract.await("the restarted server answers (misses: it lost its items)", () -> {
      cache.storeSeries(block, 7, new byte[] {7});
      return cache.fetchSeries(block, new long[] {7}).size() == 1;
    });
    assertThat(cache.fetchSeries(block, new long[] {1})).isEmpty();
  }

  @Test
  void aStoppedMemcachedGivesMissesAndRecoversWhenItIsBack() throws Exception {
    CacheServerProcess server = closing(CacheServerProcess.memcached());
    stopAndRecover(server, memcachedCache(server.address(), ""), "thanos_memcached_");
  }

  @Test
  void aStoppedRedisGivesMissesAndRecoversWhenItIsBack() throws Exception {
    CacheServerProcess server = closing(CacheServerProcess.redis(""));
    stopAndRecover(server, redisCache(server.address()), "thanos_redis_");
  }

  @Test
  void serversThatNeverListenedGiveMisses() throws Exception {
    String nothing = "127.0.0.1:" + PeerProcess.freePort();
    IndexCache memcached = memcachedCache(nothing, "");
    IndexCache redis = redisCache(nothing);
    for (IndexCache c : List.of(memcached, redis)) {
      c.storeSeries("B", 1, new byte[] {1});
      assertThat(c.fetchSeries("B", new long[] {1, 2, 3})).isEmpty();
      assertThat(c.fetchPostings("B", "n", List.of("v"))).isEmpty();
    }
    assertThat(sample(failures("thanos_memcached_", "getmulti", "network-error"))).isGreaterThanOrEqualTo(2);
    assertThat(sample(failures("thanos_redis_", "getmulti", "network-error"))).isGreaterThanOrEqualTo(2);
  }

  /**
   * A server that accepts connections but never answers (a test double: no real server can be made to hang
   * on demand) must time out into misses.
   */
  @Test
  void aSilentServerTimesOutIntoMisses() throws Exception {
    try (SilentServer silent = new SilentServer()) {
      IndexCache memcached = memcachedCache(silent.address(), "");
      IndexCache redis = redisCache(silent.address());
      assertThat(memcached.fetchSeries("B", new long[] {1, 2})).isEmpty();
      assertThat(redis.fetchPostings("B", "n", List.of("v"))).isEmpty();
      assertThat(sample(failures("thanos_memcached_", "getmulti", "timeout"))).isEqualTo(1);
      assertThat(sample(failures("thanos_redis_", "getmulti", "timeout"))).isEqualTo(1);
    }
  }

  @Test
  void writesBeyondTheAsyncBufferAreDroppedAndCounted() throws Exception {
    try (SilentServer silent = new SilentServer()) {
      IndexCache c = IndexCaches.create("type: MEMCACHED\nconfig:\n  addresses: [" + silent.address() + "]\n"
          + "  timeout: 5s\n  max_async_concurrency: 1\n  max_async_buffer_size: 2\n", 0, registry);
      closing((AutoCloseable) c);
      for (int i = 0; i < 50; i++) {
        c.storeSeries("B", i, new byte[] {1});
      }
      // one write hangs on the silent server, two wait in the buffer, the rest are dropped
      assertThat(sample("thanos_memcached_operation_skipped_total{name=\"index-cache\",operation=\"set\","
          + "reason=\"async-buffer-full\"}")).isBetween(47.0, 49.0);
    }
  }

  @Test
  void valuesAboveMaxItemSizeAreNotWritten() throws Exception {
    CacheServerProcess server = closing(CacheServerProcess.memcached());
    IndexCache c = memcachedCache(server.address(), "  max_item_size: 1KB\n");
    String block = IndexCacheContract.newBlockId();
    c.storeSeries(block, 1, new byte[1025]);
    c.storeSeries(block, 2, new byte[1024]);
    IndexCacheContract.await("the small item is stored", () -> c.fetchSeries(block, new long[] {2}).size() == 1);
    assertThat(c.fetchSeries(block, new long[] {1})).isEmpty();
    assertThat(sample("thanos_memcached_operation_skipped_total{name=\"index-cache\",operation=\"set\","
        + "reason=\"max-item-size\"}")).isEqualTo(1);
  }

  @Test
  void memcachedKeysLandOnTheServerTheJumpHashPicks() throws Exception {
    CacheServerProcess one = closing(CacheServerProcess.memcached());
    CacheServerProcess two = closing(CacheServerProcess.memcached());
    MemcachedClient both = closing(new MemcachedClient(
        MemcachedClientConfig.defaults(List.of(one.address(), two.address())), "both", registry, Clock.systemUTC()));
    MemcachedClient onlyOne = closing(new MemcachedClient(
        MemcachedClientConfig.defaults(List.of(one.address())), "one", registry, Clock.systemUTC()));
    MemcachedClient onlyTwo = closing(new MemcachedClient(
        MemcachedClientConfig.defaults(List.of(two.address())), "two", registry, Clock.systemUTC()));

    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      keys.add(CacheKeys.series("01HQZ3D7X5RJ1K0000000000AA", i));
      both.setAsync(keys.get(i), new byte[] {(byte) i}, Duration.ofMinutes(5));
    }
    IndexCacheContract.await("all keys stored", () -> both.getMulti(keys).size() == keys.size());
    Map<String, byte[]> onOne = onlyOne.getMulti(keys);
    Map<String, byte[]> onTwo = onlyTwo.getMulti(keys);
    assertThat(onOne.size() + onTwo.size()).isEqualTo(200);
    assertThat(onOne).isNotEmpty();
    assertThat(onTwo).isNotEmpty();
    for (String key : keys) {
      assertThat(both.serverFor(key)).isEqualTo(onOne.containsKey(key) ? one.address() : two.address());
    }
  }

  /** Accepts connections and reads nothing, answers nothing. */
  private static final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread acceptor;

    SilentServer() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      acceptor = new Thread(() -> {
        while (!socket.isClosed()) {
          try {
            accepted.add(socket.accept());
          } catch (IOException closed) {
            return;
          }
        }
      }, "silent-server");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    String address() {
      return "127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : accepted) {
        s.close();
      }
    }
  }
}
