package io.thanosjvm.cacheutil;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A key-value cache server reached over the network (memcached, Redis), as Thanos' {@code RemoteCacheClient}:
 * reads are batched and best effort, writes are asynchronous and dropped when the buffer is full.
 */
public interface RemoteCacheClient extends AutoCloseable {

  /**
   * Fetches {@code keys}; returns the hits only. Never throws: failures (server down, timeout, protocol error)
   * are logged and counted and read as misses.
   */
  Map<String, byte[]> getMulti(List<String> keys);

  /**
   * Queues storing {@code value} under {@code key} for {@code ttl}; returns at once. Never blocks and never
   * throws: when the queue is full, the value is too big or the key is malformed the write is dropped and
   * counted. The array must not be modified afterwards.
   */
  void setAsync(String key, byte[] value, Duration ttl);

  /** Stops the background writers (pending writes are abandoned after a short grace) and closes connections. */
  @Override
  void close();
}
