package io.thanosjvm.cacheutil;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A memcached client over plain sockets (text protocol) that behaves like Thanos' memcached client: keys are
 * placed on servers by jump consistent hash of their XXH64 over the naturally sorted address list; multi-gets
 * are split per server and into batches of {@code max_get_multi_batch_size} run concurrently; writes are
 * queued and dropped when the buffer is full; expirations are absolute Unix times ({@code now + ttl}).
 * Metrics: {@code thanos_memcached_operations_total}, {@code _operation_failures_total},
 * {@code _operation_skipped_total}, labelled {@code name}.
 *
 * <p>Hand-written on purpose (unlike the Redis client, which is Lettuce): the key placement is the compatibility
 * (a store gateway of this implementation and one of Thanos sharing memcached servers must find each other's
 * items), and Java memcached clients place keys their own way; the text protocol's get/set is small.
 */
public final class MemcachedClient implements RemoteCacheClient {

  private static final int MAX_KEY_LENGTH = 250;

  private final MemcachedClientConfig config;
  private final List<CacheServer<MemcachedConnection>> servers = new ArrayList<>();
  private final RemoteClientMetrics metrics;
  private final AsyncWriteQueue writes;
  private final BatchedGets gets;
  private final Clock clock;

  /** Connects lazily to the servers of {@code config}; {@code name} labels the metrics; {@code clock} dates expirations. */
  public MemcachedClient(MemcachedClientConfig config, String name, MeterRegistry registry, Clock clock) {
    this.config = config;
    this.clock = clock;
    List<String> addresses = new ArrayList<>(CacheServer.expand(config.addresses()));
    addresses.sort(NaturalOrder.INSTANCE);
    for (String address : addresses) {
      InetSocketAddress target = CacheServer.parseHostPort(address);
      servers.add(new CacheServer<>(address, new ConnectionPool<>(
          () -> new MemcachedConnection(address, CacheServer.resolve(target), config.timeout()),
          config.maxIdleConnections())));
    }
    this.metrics = new RemoteClientMetrics(registry, "thanos_memcached_", name);
    this.writes = new AsyncWriteQueue("memcached-" + name, config.maxAsyncConcurrency(), config.maxAsyncBufferSize());
    this.gets = new BatchedGets("memcached-" + name, config.maxGetMultiConcurrency());
  }

  /** Returns the server addresses in the order keys are hashed onto them. */
  public List<String> servers() {
    return servers.stream().map(CacheServer::address).toList();
  }

  /** Returns the address of the server {@code key} lives on. */
  public String serverFor(String key) {
    return servers.get(serverIndex(key)).address();
  }

  private int serverIndex(String key) {
    return servers.size() == 1 ? 0 : JumpHash.bucket(XxHash64.hash(key.getBytes(StandardCharsets.UTF_8)),
        servers.size());
  }

  /** Whether memcached accepts {@code key}: at most 250 bytes, no spaces or control characters. */
  static boolean legalKey(String key) {
    byte[] b = key.getBytes(StandardCharsets.UTF_8);
    if (b.length == 0 || b.length > MAX_KEY_LENGTH) {
      return false;
    }
    for (byte c : b) {
      if ((c & 0xff) <= ' ' || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  private record Batch(int server, List<String> keys) {}

  @Override
  public Map<String, byte[]> getMulti(List<String> keys) {
    if (keys.isEmpty()) {
      return new HashMap<>();
    }
    Map<Integer, List<String>> byServer = new HashMap<>();
    for (String key : keys) {
      if (!legalKey(key)) {
        metrics.failed(RemoteClientMetrics.GET_MULTI, RemoteClientMetrics.MALFORMED_KEY);
        continue;
      }
      byServer.computeIfAbsent(serverIndex(key), s -> new ArrayList<>()).add(key);
    }
    List<Batch> batches = new ArrayList<>();
    int batchSize = config.maxGetMultiBatchSize();
    byServer.forEach((server, serverKeys) -> {
      if (batchSize <= 0 || serverKeys.size() <= batchSize) {
        batches.add(new Batch(server, serverKeys));
      } else {
        for (int i = 0; i < serverKeys.size(); i += batchSize) {
          batches.add(new Batch(server, serverKeys.subList(i, Math.min(serverKeys.size(), i + batchSize))));
        }
      }
    });
    return gets.run(batches, this::fetch);
  }

  private Map<String, byte[]> fetch(Batch batch) {
    Timer.Sample sample = metrics.operation(RemoteClientMetrics.GET_MULTI);
    CacheServer<MemcachedConnection> server = servers.get(batch.server());
    long maxValue = config.maxItemSize() > 0 ? config.maxItemSize() : Integer.MAX_VALUE - 8;
    Map<String, byte[]> hits = new HashMap<>();
    MemcachedConnection c = null;
    try {
      c = server.pool().borrow();
      int skipped = c.getMulti(batch.keys(), maxValue, hits);
      server.pool().release(c);
      server.succeeded();
      metrics.succeeded(RemoteClientMetrics.GET_MULTI, sample);
      for (int i = 0; i < skipped; i++) {
        metrics.skipped(RemoteClientMetrics.GET_MULTI, RemoteClientMetrics.MAX_ITEM_SIZE);
      }
      return hits;
    } catch (IOException | RuntimeException e) {
      if (c != null) {
        server.pool().discard(c);
      }
      metrics.failed(RemoteClientMetrics.GET_MULTI, RemoteClientMetrics.reason(e));
      server.failed("get of " + batch.keys().size() + " keys", e);
      return Map.of();
    }
  }

  @Override
  public void setAsync(String key, byte[] value, Duration ttl) {
    if (config.maxItemSize() > 0 && value.length > config.maxItemSize()) {
      metrics.skipped(RemoteClientMetrics.SET, RemoteClientMetrics.MAX_ITEM_SIZE);
      return;
    }
    if (!legalKey(key)) {
      metrics.failed(RemoteClientMetrics.SET, RemoteClientMetrics.MALFORMED_KEY);
      return;
    }
    if (!writes.offer(() -> set(key, value, ttl))) {
      metrics.skipped(RemoteClientMetrics.SET, RemoteClientMetrics.ASYNC_BUFFER_FULL);
    }
  }

  private void set(String key, byte[] value, Duration ttl) {
    Timer.Sample sample = metrics.operation(RemoteClientMetrics.SET);
    CacheServer<MemcachedConnection> server = servers.get(serverIndex(key));
    long exptime = ttl.isZero() || ttl.isNegative() ? 0 : clock.instant().plus(ttl).getEpochSecond();
    MemcachedConnection c = null;
    try {
      c = server.pool().borrow();
      c.set(key, value, exptime);
      server.pool().release(c);
      server.succeeded();
      metrics.succeeded(RemoteClientMetrics.SET, sample);
    } catch (IOException | RuntimeException e) {
      if (c != null) {
        server.pool().discard(c);
      }
      metrics.failed(RemoteClientMetrics.SET, RemoteClientMetrics.reason(e));
      server.failed("set of " + value.length + " bytes", e);
    }
  }

  @Override
  public void close() {
    writes.close();
    gets.close();
    servers.forEach(CacheServer::close);
  }

  @Override
  public String toString() {
    return "MemcachedClient" + servers();
  }
}
