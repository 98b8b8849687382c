package io.thanosjvm.store.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory cache's own Thanos metrics, labelled {@code item_type}:
 * {@code thanos_store_index_cache_items_added_total}, {@code _items_evicted_total},
 * {@code _items_overflowed_total}, gauges {@code _items}, {@code _items_size_bytes} (values) and
 * {@code _total_size_bytes} (keys and values), plus {@code _max_size_bytes} and {@code _max_item_size_bytes}.
 */
final class InMemoryIndexCacheMetrics {

  private final Map<ItemType, Counter> added = new EnumMap<>(ItemType.class);
  private final Map<ItemType, Counter> evicted = new EnumMap<>(ItemType.class);
  private final Map<ItemType, Counter> overflowed = new EnumMap<>(ItemType.class);
  private final Map<ItemType, AtomicLong> items = new EnumMap<>(ItemType.class);
  private final Map<ItemType, AtomicLong> itemsSize = new EnumMap<>(ItemType.class);
  private final Map<ItemType, AtomicLong> totalSize = new EnumMap<>(ItemType.class);

  InMemoryIndexCacheMetrics(MeterRegistry registry, long maxSize, long maxItemSize) {
    for (ItemType type : new ItemType[] {ItemType.POSTINGS, ItemType.SERIES}) {
      String t = type.label();
      added.put(type, Counter.builder("thanos_store_index_cache_items_added")
          .description("Total number of items that were added to the index cache.")
          .tag("item_type", t).register(registry));
      evicted.put(type, Counter.builder("thanos_store_index_cache_items_evicted")
          .description("Total number of items that were evicted from the index cache.")
          .tag("item_type", t).register(registry));
      overflowed.put(type, Counter.builder("thanos_store_index_cache_items_overflowed")
          .description("Total number of items that could not be added to the cache due to being too big.")
          .tag("item_type", t).register(registry));
      items.put(type, gauge(registry, "thanos_store_index_cache_items",
          "Current number of items in the index cache.", t));
      itemsSize.put(type, gauge(registry, "thanos_store_index_cache_items_size_bytes",
          "Current byte size of items in the index cache.", t));
      totalSize.put(type, gauge(registry, "thanos_store_index_cache_total_size_bytes",
          "Current byte size of items (both value and key) in the index cache.", t));
    }
    Gauge.builder("thanos_store_index_cache_max_size_bytes", () -> maxSize)
        .description("Maximum number of bytes to be held in the index cache.").register(registry);
    Gauge.builder("thanos_store_index_cache_max_item_size_bytes", () -> maxItemSize)
        .description("Maximum number of bytes for single entry to be held in the index cache.").register(registry);
  }

  private static AtomicLong gauge(MeterRegistry registry, String name, String help, String type) {
    AtomicLong value = new AtomicLong();
    Gauge.builder(name, value, AtomicLong::get).description(help).tag("item_type", type).strongReference(true)
        .register(registry);
    return value;
  }

  void added(ItemType type, long valueSize, long entrySize) {
    added.get(type).increment();
    items.get(type).incrementAndGet();
    itemsSize.get(type).addAndGet(valueSize);
    totalSize.get(type).addAndGet(entrySize);
  }

  void evicted(ItemType type, long valueSize, long entrySize) {
    evicted.get(type).increment();
    items.get(type).decrementAndGet();
    itemsSize.get(type).addAndGet(-valueSize);
    totalSize.get(type).addAndGet(-entrySize);
  }

  void overflowed(ItemType type) {
    overflowed.get(type).increment();
  }
}
