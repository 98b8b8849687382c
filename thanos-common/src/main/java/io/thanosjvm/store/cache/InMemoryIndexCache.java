package io.thanosjvm.store.cache;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-process index cache: one LRU list over postings and series, bounded by the summed size of its entries
 * (key and value, sized as Thanos sizes them: value plus a 16-byte slice header, key as ULID plus its strings)
 * and refusing single entries above the item limit. Every operation is O(1) per item under one lock; values
 * are copied on store. Records Thanos' {@code thanos_store_index_cache_*} metrics (see
 * {@link InMemoryIndexCacheMetrics}).
 */
public final class InMemoryIndexCache implements IndexCache {

  private static final int SLICE_HEADER_SIZE = 16;
  private static final int ULID_SIZE = 16;

  private final long maxSize;
  private final long maxItemSize;
  private final IndexCacheMetrics common;
  private final InMemoryIndexCacheMetrics metrics;
  private final ReentrantLock lock = new ReentrantLock();
  private final HashMap<Object, Entry> entries = new HashMap<>();
  /** Sentinel of the circular LRU list: {@code head.next} is the most recently used entry. */
  private final Entry head = new Entry(null, null, null, 0, 0);
  private long size;

  /** Creates an empty cache with {@code config}'s limits, registering its meters in {@code registry}. */
  public InMemoryIndexCache(InMemoryIndexCacheConfig config, MeterRegistry registry) {
    this.maxSize = config.maxSize();
    this.maxItemSize = config.maxItemSize();
    this.common = new IndexCacheMetrics(registry);
    this.metrics = new InMemoryIndexCacheMetrics(registry, maxSize, maxItemSize);
    head.prev = head;
    head.next = head;
  }

  /** Returns the summed size of all entries (keys and values) now held. */
  public long size() {
    lock.lock();
    try {
      return size;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void storePostings(String blockId, String labelName, String labelValue, byte[] value) {
    long keySize = ULID_SIZE + 2L * SLICE_HEADER_SIZE + utf8Length(labelName) + utf8Length(labelValue);
    store(new PostingsKey(blockId, labelName, labelValue), ItemType.POSTINGS, keySize, value);
  }

  @Override
  public Map<String, byte[]> fetchPostings(String blockId, String labelName, List<String> labelValues) {
    Map<String, byte[]> hits = new HashMap<>();
    lock.lock();
    try {
      for (String labelValue : labelValues) {
        Entry e = touch(new PostingsKey(blockId, labelName, labelValue));
        if (e != null) {
          hits.put(labelValue, e.value);
        }
      }
    } finally {
      lock.unlock();
    }
    common.fetched(ItemType.POSTINGS, labelValues.size(), hits.size());
    return hits;
  }

  @Override
  public void storeSeries(String blockId, long seriesRef, byte[] value) {
    store(new SeriesKey(blockId, seriesRef), ItemType.SERIES, ULID_SIZE + 8, value);
  }

  @Override
  public Map<Long, byte[]> fetchSeries(String blockId, long[] seriesRefs) {
    Map<Long, byte[]> hits = new HashMap<>();
    lock.lock();
    try {
      for (long ref : seriesRefs) {
        Entry e = touch(new SeriesKey(blockId, ref));
        if (e != null) {
          hits.put(ref, e.value);
        }
      }
    } finally {
      lock.unlock();
    }
    common.fetched(ItemType.SERIES, seriesRefs.length, hits.size());
    return hits;
  }

  private void store(Object key, ItemType type, long keySize, byte[] value) {
    long valueSize = SLICE_HEADER_SIZE + (long) value.length;
    long entrySize = keySize + valueSize;
    if (entrySize > maxItemSize) {
      metrics.overflowed(type);
      return;
    }
    byte[] copy = Arrays.copyOf(value, value.length);
    lock.lock();
    try {
      if (touch(key) != null) {
        return;
      }
      while (size + entrySize > maxSize && head.prev != head) {
        Entry oldest = head.prev;
        unlink(oldest);
        entries.remove(oldest.key);
        size -= oldest.entrySize;
        metrics.evicted(oldest.type, oldest.valueSize, oldest.entrySize);
      }
      Entry e = new Entry(key, copy, type, valueSize, entrySize);
      entries.put(key, e);
      linkFirst(e);
      size += entrySize;
      metrics.added(type, valueSize, entrySize);
    } finally {
      lock.unlock();
    }
  }

  /** Returns the entry of {@code key}, made the most recently used, or null. Holds the lock. */
  private Entry touch(Object key) {
    Entry e = entries.get(key);
    if (e != null && head.next != e) {
      unlink(e);
      linkFirst(e);
    }
    return e;
  }

  private void linkFirst(Entry e) {
    e.prev = head;
    e.next = head.next;
    head.next.prev = e;
    head.next = e;
  }

  private static void unlink(Entry e) {
    e.prev.next = e.next;
    e.next.prev = e.prev;
  }

  static int utf8Length(String s) {
    int n = s.length();
    int bytes = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          bytes += 1;
        } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          bytes += 2;
          i++;
        } else {
          bytes += 2;
        }
      }
    }
    return bytes;
  }

  private record PostingsKey(String blockId, String name, String value) {}

  private record SeriesKey(String blockId, long ref) {}

  private static final class Entry {
    final Object key;
    final byte[] value;
    final ItemType type;
    final long valueSize;
    final long entrySize;
    Entry prev;
    Entry next;

    Entry(Object key, byte[] value, ItemType type, long valueSize, long entrySize) {
      this.key = key;
      this.value = value;
      this.type = type;
      this.valueSize = valueSize;
      this.entrySize = entrySize;
    }
  }

  @Override
  public String toString() {
    return "InMemoryIndexCache{maxSize=" + maxSize + ", maxItemSize=" + maxItemSize + "}";
  }
}
