package io.thanosjvm.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.store.cache.IndexCache;
import io.thanosjvm.store.cache.IndexCaches;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The index cache from {@code --index-cache.config(-file)}, or in memory of {@code --index-cache-size}. */
public final class StoreIndexCache {

  private StoreIndexCache() {}

  public static IndexCache create(ThanosStoreProperties p, MeterRegistry meters) throws IOException {
    String yaml = null;
    if (!p.getIndexCacheConfigFile().isEmpty()) {
      yaml = Files.readString(Path.of(p.getIndexCacheConfigFile()));
    } else if (!p.getIndexCacheConfig().isEmpty()) {
      yaml = p.getIndexCacheConfig();
    }
    return IndexCaches.create(yaml, p.indexCacheSizeBytes(), meters);
  }
}
