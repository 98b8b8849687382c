package io.thanosjvm.queryfrontend.cache;

import io.thanosjvm.cacheutil.MemcachedClientConfig;
import io.thanosjvm.cacheutil.RedisClientConfig;
import java.time.Duration;

/**
 * A parsed response cache configuration: the backend and its settings (exactly those of {@code type} set).
 *
 * @param type the backend
 * @param maxSizeBytes IN-MEMORY {@code max_size} (0 = no byte bound)
 * @param maxSizeItems IN-MEMORY {@code max_size_items} (0 = no count bound)
 * @param validity IN-MEMORY {@code validity} (0 = entries never expire)
 * @param memcached MEMCACHED client settings, or null
 * @param redis REDIS client settings, or null
 * @param expiration MEMCACHED/REDIS {@code expiration} (24h when 0 or absent)
 */
public record ResponseCacheConfig(Type type, long maxSizeBytes, int maxSizeItems, Duration validity,
    MemcachedClientConfig memcached, RedisClientConfig redis, Duration expiration) {

  /** The backends, with their YAML names. */
  public enum Type {
    /** In the frontend's heap. */
    IN_MEMORY,
    /** One or more memcached servers. */
    MEMCACHED,
    /** Redis: one server, a Sentinel-managed master or a Cluster. */
    REDIS;

    /** The YAML name ({@code IN-MEMORY}). */
    public String yamlName() {
      return name().replace('_', '-');
    }
  }

  /** Validates that the settings match the type. */
  public ResponseCacheConfig {
    boolean ok = switch (type) {
      case IN_MEMORY -> memcached == null && redis == null && (maxSizeBytes > 0 || maxSizeItems > 0);
      case MEMCACHED -> memcached != null && redis == null;
      case REDIS -> redis != null && memcached == null;
    };
    if (!ok) {
      throw new IllegalArgumentException("response cache of type " + type.yamlName()
          + " needs exactly its own settings");
    }
    if (expiration.isNegative() || expiration.isZero() || validity.isNegative()) {
      throw new IllegalArgumentException("response cache expiration must be positive and validity not negative");
    }
  }
}
