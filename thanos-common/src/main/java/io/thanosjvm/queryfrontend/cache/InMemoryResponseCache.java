package io.thanosjvm.queryfrontend.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code IN-MEMORY} backend (Cortex' FIFO cache): least recently used entries are evicted first once the
 * byte size ({@code max_size}) or the item count ({@code max_size_items}) would be exceeded; entries older than
 * {@code validity} (0 = forever) read as misses. The clock is injected.
 */
public final class InMemoryResponseCache implements ResponseCache {

  private record Entry(byte[] value, long storedAt) {}

  private final long maxBytes;
  private final int maxItems;
  private final long validityMs;
  private final Clock clock;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  /**
   * A cache bounded by {@code maxBytes} (0 = unbounded) and {@code maxItems} (0 = unbounded); at least one bound
   * must be set.
   */
  public InMemoryResponseCache(long maxBytes, int maxItems, Duration validity, Clock clock) {
    if (maxBytes < 0 || maxItems < 0 || validity.isNegative()) {
      throw new IllegalArgumentException("in-memory cache sizes and validity must not be negative");
    }
    if (maxBytes == 0 && maxItems == 0) {
      throw new IllegalArgumentException("in-memory cache needs max_size or max_size_items");
    }
    this.maxBytes = maxBytes;
    this.maxItems = maxItems;
    this.validityMs = validity.toMillis();
    this.clock = clock;
  }

  @Override
  public synchronized Map<String, byte[]> fetch(List<String> keys) {
    Map<String, byte[]> hits = new HashMap<>();
    long now = clock.millis();
    for (String key : keys) {
      Entry e = entries.get(key);
      if (e == null) {
        continue;
      }
      if (validityMs > 0 && now - e.storedAt >= validityMs) {
        remove(key);
        continue;
      }
      hits.put(key, e.value);
    }
    return hits;
  }

  @Override
  public synchronized void store(String key, byte[] value) {
    long size = size(key, value);
    if (maxBytes > 0 && size > maxBytes) {
      return;
    }
    remove(key);
    entries.put(key, new Entry(value, clock.millis()));
    bytes += size;
    Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
    while (((maxBytes > 0 && bytes > maxBytes) || (maxItems > 0 && entries.size() > maxItems)) && it.hasNext()) {
      Map.Entry<String, Entry> oldest = it.next();
      bytes -= size(oldest.getKey(), oldest.getValue().value);
      it.remove();
    }
  }

  private void remove(String key) {
    Entry old = entries.remove(key);
    if (old != null) {
      bytes -= size(key, old.value);
    }
  }

  private static long size(String key, byte[] value) {
    return 2L * key.length() + value.length + 64;
  }

  /** The number of entries (for tests and metrics). */
  public synchronized int size() {
    return entries.size();
  }

  @Override
  public void close() {
    // nothing held outside the heap
  }
}
