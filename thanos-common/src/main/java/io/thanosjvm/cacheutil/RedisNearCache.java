package io.thanosjvm.cacheutil;

import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Redis client-side caching ({@code cache_size}, as Thanos' rueidis client does it): values read from Redis are
 * kept in a byte-bounded LRU, and Redis' client tracking ({@code CLIENT TRACKING ON} over RESP3) tells the
 * connection which of them changed, which are then dropped. A fill races with an invalidation of the same key
 * (the reply and the invalidation arrive on one connection, but the fill runs later on the caller's thread), so
 * a fill only lands when no invalidation happened since its MGET was sent (an epoch counter; coarse but never
 * stale). Everything is dropped whenever the connection is replaced, as invalidations may have been lost.
 */
final class RedisNearCache {

  private final long maxBytes;
  private final LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;
  private long epoch;

  RedisNearCache(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("client-side cache size must be positive, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /** The invalidation epoch to pass to {@link #fill} for a read sent now. */
  synchronized long epoch() {
    return epoch;
  }

  /** The cached values of {@code keys} (full keys). */
  synchronized Map<String, byte[]> lookup(List<String> keys) {
    Map<String, byte[]> hits = new HashMap<>();
    for (String k : keys) {
      byte[] v = entries.get(k);
      if (v != null) {
        hits.put(k, v);
      }
    }
    return hits;
  }

  /** Keeps {@code value} of {@code key} read by a request sent at {@code readEpoch}, unless invalidated since. */
  synchronized void fill(String key, byte[] value, long readEpoch) {
    if (readEpoch != epoch || size(key, value) > maxBytes) {
      return;
    }
    byte[] old = entries.put(key, value);
    if (old != null) {
      bytes -= size(key, old);
    }
    bytes += size(key, value);
    Iterator<Map.Entry<String, byte[]>> lru = entries.entrySet().iterator();
    while (bytes > maxBytes && lru.hasNext()) {
      Map.Entry<String, byte[]> e = lru.next();
      bytes -= size(e.getKey(), e.getValue());
      lru.remove();
    }
  }

  /** Drops {@code keys}, or everything when null (Redis flushed or tracking was reset). */
  synchronized void invalidate(Collection<String> keys) {
    epoch++;
    if (keys == null) {
      entries.clear();
      bytes = 0;
      return;
    }
    for (String k : keys) {
      byte[] v = entries.remove(k);
      if (v != null) {
        bytes -= size(k, v);
      }
    }
  }

  /** The bytes held, keys included. */
  synchronized long bytes() {
    return bytes;
  }

  private static long size(String key, byte[] value) {
    return 2L * key.length() + value.length;
  }
}
