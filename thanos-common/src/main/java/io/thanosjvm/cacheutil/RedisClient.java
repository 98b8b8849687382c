package io.thanosjvm.cacheutil;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Redis client over plain sockets (RESP2): multi-gets as MGET batches of {@code get_multi_batch_size} run
 * concurrently, writes as {@code SET key value EX ttl} queued in the background and dropped when the buffer is
 * full, keys prefixed with {@code prefix}. Metrics like the memcached client's under {@code thanos_redis_}
 * (Thanos' own Redis client only exports a duration histogram).
 */
public final class RedisClient implements RemoteCacheClient {

  private final RedisClientConfig config;
  private final CacheServer<RedisConnection> server;
  private final RemoteClientMetrics metrics;
  private final AsyncWriteQueue writes;
  private final BatchedGets gets;

  /** Connects lazily to the server of {@code config}; {@code name} labels the metrics. */
  public RedisClient(RedisClientConfig config, String name, MeterRegistry registry) {
    this.config = config;
    InetSocketAddress target = CacheServer.parseHostPort(config.addr());
    this.server = new CacheServer<>(config.addr(), new ConnectionPool<>(
        () -> new RedisConnection(config.addr(), CacheServer.resolve(target), config), config.maxIdleConnections()));
    this.metrics = new RemoteClientMetrics(registry, "thanos_redis_", name);
    this.writes = new AsyncWriteQueue("redis-" + name, config.maxAsyncConcurrency(), config.maxAsyncBufferSize());
    this.gets = new BatchedGets("redis-" + name, config.maxGetMultiConcurrency());
  }

  @Override
  public Map<String, byte[]> getMulti(List<String> keys) {
    if (keys.isEmpty()) {
      return new HashMap<>();
    }
    int batchSize = config.getMultiBatchSize();
    List<List<String>> batches = new ArrayList<>();
    if (batchSize <= 0 || keys.size() <= batchSize) {
      batches.add(keys);
    } else {
      for (int i = 0; i < keys.size(); i += batchSize) {
        batches.add(keys.subList(i, Math.min(keys.size(), i + batchSize)));
      }
    }
    return gets.run(batches, this::fetch);
  }

  private Map<String, byte[]> fetch(List<String> keys) {
    Timer.Sample sample = metrics.operation(RemoteClientMetrics.GET_MULTI);
    List<String> prefixed = keys;
    if (!config.prefix().isEmpty()) {
      prefixed = new ArrayList<>(keys.size());
      for (String k : keys) {
        prefixed.add(config.prefix() + k);
      }
    }
    RedisConnection c = null;
    try {
      c = server.pool().borrow();
      byte[][] values = c.mget(prefixed, Integer.MAX_VALUE - 8);
      server.pool().release(c);
      server.succeeded();
      metrics.succeeded(RemoteClientMetrics.GET_MULTI, sample);
      Map<String, byte[]> hits = new HashMap<>();
      for (int i = 0; i < values.length; i++) {
        if (values[i] != null) {
          hits.put(keys.get(i), values[i]);
        }
      }
      return hits;
    } catch (IOException | RuntimeException e) {
      if (c != null) {
        server.pool().discard(c);
      }
      metrics.failed(RemoteClientMetrics.GET_MULTI, RemoteClientMetrics.reason(e));
      server.failed("MGET of " + keys.size() + " keys", e);
      return Map.of();
    }
  }

  @Override
  public void setAsync(String key, byte[] value, Duration ttl) {
    String full = config.prefix() + key;
    long seconds = Math.max(1, ttl.getSeconds());
    if (!writes.offer(() -> set(full, value, seconds))) {
      metrics.skipped(RemoteClientMetrics.SET, RemoteClientMetrics.ASYNC_BUFFER_FULL);
    }
  }

  private void set(String key, byte[] value, long seconds) {
    Timer.Sample sample = metrics.operation(RemoteClientMetrics.SET);
    RedisConnection c = null;
    try {
      c = server.pool().borrow();
      c.set(key, value, seconds);
      server.pool().release(c);
      server.succeeded();
      metrics.succeeded(RemoteClientMetrics.SET, sample);
    } catch (IOException | RuntimeException e) {
      if (c != null) {
        server.pool().discard(c);
      }
      metrics.failed(RemoteClientMetrics.SET, RemoteClientMetrics.reason(e));
      server.failed("SET of " + value.length + " bytes", e);
    }
  }

  @Override
  public void close() {
    writes.close();
    gets.close();
    server.close();
  }

  @Override
  public String toString() {
    return "RedisClient[" + config.addr() + "]";
  }
}
