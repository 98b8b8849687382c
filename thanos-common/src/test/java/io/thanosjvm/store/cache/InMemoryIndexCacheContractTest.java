package io.thanosjvm.store.cache;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The index cache contract on the in-memory LRU, built from Thanos YAML. */
class InMemoryIndexCacheContractTest extends IndexCacheContract {

  @Override
  protected IndexCache newCache(PrometheusMeterRegistry registry) {
    return IndexCaches.create("type: in-memory\nconfig:\n  max_size: 64MiB\n  max_item_size: 4MiB\n", 0, registry);
  }
}
