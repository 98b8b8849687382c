package io.thanosjvm.store.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * The metrics every index cache records, with Thanos' names: {@code thanos_store_index_cache_requests_total}
 * and {@code thanos_store_index_cache_hits_total}, labelled {@code item_type} ({@code Postings}, {@code Series}),
 * both exported at zero from the start.
 */
final class IndexCacheMetrics {

  private final Map<ItemType, Counter> requests = new EnumMap<>(ItemType.class);
  private final Map<ItemType, Counter> hits = new EnumMap<>(ItemType.class);

  IndexCacheMetrics(MeterRegistry registry) {
    for (ItemType type : new ItemType[] {ItemType.POSTINGS, ItemType.SERIES}) {
      requests.put(type, Counter.builder("thanos_store_index_cache_requests")
          .description("Total number of requests to the cache.")
          .tag("item_type", type.label()).register(registry));
      hits.put(type, Counter.builder("thanos_store_index_cache_hits")
          .description("Total number of requests to the cache that were a hit.")
          .tag("item_type", type.label()).register(registry));
    }
  }

  /** Counts {@code requested} looked-up items of {@code type}, {@code hit} of which were found. */
  void fetched(ItemType type, int requested, int hit) {
    if (requested > 0) {
      requests.get(type).increment(requested);
    }
    if (hit > 0) {
      hits.get(type).increment(hit);
    }
  }
}
