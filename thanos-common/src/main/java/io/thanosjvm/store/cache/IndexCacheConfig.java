package io.thanosjvm.store.cache;

import io.thanosjvm.cacheutil.MemcachedClientConfig;
import io.thanosjvm.cacheutil.RedisClientConfig;
import java.time.Duration;
import java.util.Set;

/**
 * A parsed {@code --index-cache.config}: the backend and its settings (exactly one of the three is non-null,
 * matching {@code type}), the item types to cache ({@code enabled_items}, empty = all) and the TTL of remote
 * items ({@code ttl}, 24h when absent or zero; ignored in memory).
 *
 * @param type the backend
 * @param inMemory the IN-MEMORY settings, or null
 * @param memcached the MEMCACHED settings, or null
 * @param redis the REDIS settings, or null
 * @param enabledItems the item types cached; empty means all
 * @param ttl how long remote items live
 */
public record IndexCacheConfig(IndexCacheType type, InMemoryIndexCacheConfig inMemory,
    MemcachedClientConfig memcached, RedisClientConfig redis, Set<ItemType> enabledItems, Duration ttl) {

  /** Validates that the settings match the type. */
  public IndexCacheConfig {
    enabledItems = Set.copyOf(enabledItems);
    boolean ok = switch (type) {
      case IN_MEMORY -> inMemory != null && memcached == null && redis == null;
      case MEMCACHED -> inMemory == null && memcached != null && redis == null;
      case REDIS -> inMemory == null && memcached == null && redis != null;
    };
    if (!ok) {
      throw new IllegalArgumentException("index cache of type " + type.yamlName() + " needs exactly its own settings");
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("index cache ttl must be positive, got " + ttl);
    }
  }

  /** Whether items of {@code item} are cached. */
  public boolean enabled(ItemType item) {
    return enabledItems.isEmpty() || enabledItems.contains(item);
  }
}
