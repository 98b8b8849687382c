package io.thanosjvm.store.cachingbucket;

import io.thanosjvm.cacheutil.RemoteCacheClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The caching bucket's {@code IN-MEMORY} backend: a least-recently-used map of byte arrays bounded by their total
 * size ({@code max_size}) whose entries expire after their TTL on the injected clock. Items larger than
 * {@code max_item_size} are not stored. It shares {@link RemoteCacheClient}'s contract with memcached and Redis so
 * the caching bucket does not care which one it talks to.
 */
public final class InMemoryBytesCache implements RemoteCacheClient {

  /** Accounted per entry on top of key and value bytes. */
  static final int ENTRY_OVERHEAD = 64;

  private record Entry(byte[] value, long expiresAtMillis, long cost) {}

  private final long maxSize;
  private final long maxItemSize;
  private final Clock clock;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long size;

  /**
   * A cache holding at most {@code maxSize} bytes (keys, values and a fixed overhead per entry).
   *
   * @param maxItemSize values above this many bytes are dropped
   */
  public InMemoryBytesCache(long maxSize, long maxItemSize, Clock clock) {
    if (maxSize <= 0 || maxItemSize <= 0) {
      throw new IllegalArgumentException("in-memory cache sizes must be positive, got max_size " + maxSize
          + " and max_item_size " + maxItemSize);
    }
    this.maxSize = maxSize;
    this.maxItemSize = maxItemSize;
    this.clock = clock;
  }

  @Override
  public synchronized Map<String, byte[]> getMulti(List<String> keys) {
    Map<String, byte[]> hits = new HashMap<>();
    long now = clock.millis();
    for (String k : keys) {
      Entry e = entries.get(k);
      if (e == null) {
        continue;
      }
      if (e.expiresAtMillis() <= now) {
        remove(k);
      } else {
        hits.put(k, e.value());
      }
    }
    return hits;
  }

  @Override
  public synchronized void setAsync(String key, byte[] value, Duration ttl) {
    long cost = ENTRY_OVERHEAD + 2L * key.length() + value.length;
    if (value.length > maxItemSize || cost > maxSize || ttl.isZero() || ttl.isNegative()) {
      return;
    }
    remove(key);
    entries.put(key, new Entry(value, clock.millis() + ttl.toMillis(), cost));
    size += cost;
    Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
    while (size > maxSize && oldest.hasNext()) {
      size -= oldest.next().getValue().cost();
      oldest.remove();
    }
  }

  private void remove(String key) {
    Entry old = entries.remove(key);
    if (old != null) {
      size -= old.cost();
    }
  }

  /** Bytes accounted for the entries held now. */
  public synchronized long size() {
    return size;
  }

  @Override
  public synchronized void close() {
    entries.clear();
    size = 0;
  }
}
