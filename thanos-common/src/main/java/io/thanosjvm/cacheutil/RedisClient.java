package io.thanosjvm.cacheutil;

import io.lettuce.core.KeyValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Redis cache client through Lettuce that behaves like Thanos' {@code cacheutil.RedisClient}: one server, a
 * Redis Cluster (several addresses; keys of one MGET may span slots, Lettuce splits them) or a Sentinel-managed
 * master ({@code master_name}), optionally over TLS (mutual with a client certificate). Multi-gets are MGET
 * batches of {@code get_multi_batch_size} run concurrently with at most {@code max_get_multi_concurrency} in
 * flight, each bounded by {@code read_timeout}; writes are {@code SET key value EX ttl} queued in the background
 * ({@code max_async_concurrency} writers, {@code max_async_buffer_size} queued) and dropped when the buffer is
 * full; keys are prefixed with {@code prefix}. With {@code cache_size} values read are also kept locally and
 * served from there while Redis reports them unchanged ({@link RedisNearCache}; not with a Cluster). Failures
 * read as misses. Metrics like the memcached client's under
 * {@code thanos_redis_} ({@code thanos_redis_operation_duration_seconds} is also Thanos' own).
 */
public final class RedisClient implements RemoteCacheClient {

  private final RedisClientConfig config;
  private final RedisConnector connector;
  private final RemoteClientMetrics metrics;
  private final AsyncWriteQueue writes;
  private final BatchedGets gets;
  private final CacheServer.Health health;
  private final RedisNearCache near;

  /** Connects lazily to the server(s) of {@code config}; {@code name} labels the metrics. */
  public RedisClient(RedisClientConfig config, String name, MeterRegistry registry) {
    this.config = config;
    this.near = config.cacheSize() > 0 ? new RedisNearCache(config.cacheSize()) : null;
    this.connector = new RedisConnector(config, near);
    this.metrics = new RemoteClientMetrics(registry, "thanos_redis_", name);
    this.writes = new AsyncWriteQueue("redis-" + name, config.maxAsyncConcurrency(), config.maxAsyncBufferSize());
    this.gets = new BatchedGets("redis-" + name, config.maxGetMultiConcurrency());
    this.health = new CacheServer.Health(config.addr());
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
    Map<String, byte[]> hits = new HashMap<>();
    List<String> ask = keys;
    List<String> askPrefixed = prefixed;
    long epoch = near == null ? 0 : near.epoch();
    if (near != null && connector.connected()) {
      Map<String, byte[]> local = near.lookup(prefixed);
      if (!local.isEmpty()) {
        ask = new ArrayList<>(keys.size() - local.size());
        askPrefixed = new ArrayList<>(keys.size() - local.size());
        for (int i = 0; i < keys.size(); i++) {
          byte[] v = local.get(prefixed.get(i));
          if (v != null) {
            hits.put(keys.get(i), v);
          } else {
            ask.add(keys.get(i));
            askPrefixed.add(prefixed.get(i));
          }
        }
        if (ask.isEmpty()) {
          metrics.succeeded(RemoteClientMetrics.GET_MULTI, sample);
          return hits;
        }
      }
    }
    try {
      List<KeyValue<String, byte[]>> values = await(connector.mget(askPrefixed), config.readTimeout());
      health.succeeded();
      metrics.succeeded(RemoteClientMetrics.GET_MULTI, sample);
      for (int i = 0; i < values.size() && i < ask.size(); i++) {
        KeyValue<String, byte[]> kv = values.get(i);
        if (kv.hasValue()) {
          hits.put(ask.get(i), kv.getValue());
          if (near != null) {
            near.fill(askPrefixed.get(i), kv.getValue(), epoch);
          }
        }
      }
      return hits;
    } catch (Exception e) {
      metrics.failed(RemoteClientMetrics.GET_MULTI, RemoteClientMetrics.reason(e));
      health.failed("MGET of " + keys.size() + " keys", e);
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
    try {
      // a background writer may wait as long as Lettuce lets the command live (dial, then write_timeout)
      unwrap(connector.set(key, value, seconds), Long.MAX_VALUE);
      health.succeeded();
      metrics.succeeded(RemoteClientMetrics.SET, sample);
    } catch (Exception e) {
      metrics.failed(RemoteClientMetrics.SET, RemoteClientMetrics.reason(e));
      health.failed("SET of " + value.length + " bytes", e);
    }
  }

  /**
   * Waits (on the caller's thread, never an event loop) at most {@code timeout}, plus the dial timeout when no
   * connection is up yet; 0 leaves the bound to Lettuce's command timeout.
   */
  private <T> T await(CompletableFuture<T> future, Duration timeout) throws Exception {
    if (timeout.isZero()) {
      return unwrap(future, Long.MAX_VALUE);
    }
    long ms = timeout.toMillis();
    if (!connector.connected()) {
      ms += config.dialTimeout().toMillis();
    }
    return unwrap(future, ms);
  }

  private static <T> T unwrap(CompletableFuture<T> future, long ms) throws Exception {
    try {
      return ms == Long.MAX_VALUE ? future.get() : future.get(ms, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (TimeoutException e) {
      future.cancel(false);
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw e;
    }
  }

  @Override
  public void close() {
    writes.close();
    gets.close();
    connector.close();
  }

  @Override
  public String toString() {
    return "RedisClient[" + config.addr() + "]";
  }
}
