package io.thanosjvm.queryfrontend.cache;

import io.thanosjvm.yaml.InvalidYamlException;
import io.thanosjvm.yaml.YamlDocuments;
import io.thanosjvm.cacheutil.ByteSizes;
import io.thanosjvm.cacheutil.CacheClientConfigParser;
import io.thanosjvm.cacheutil.CacheConfigNode;
import io.thanosjvm.model.GoDuration;
import io.thanosjvm.cacheutil.InvalidCacheConfigException;
import io.thanosjvm.cacheutil.MemcachedClientConfig;
import io.thanosjvm.cacheutil.RedisClientConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Thanos' response cache YAML ({@code type} IN-MEMORY, MEMCACHED or REDIS, case-insensitive, and
 * {@code config}) strictly: unknown types and keys are errors naming the key. MEMCACHED and REDIS accept the
 * cache clients' keys (read by {@link CacheClientConfigParser}, the store gateway's rules) plus {@code expiration}.
 * An IN-MEMORY cache with neither {@code max_size} nor {@code max_size_items} means no cache, as in Thanos.
 */
public final class ResponseCacheConfigParser {

  private static final Duration DEFAULT_EXPIRATION = Duration.ofHours(24);

  private ResponseCacheConfigParser() {}

  /**
   * Parses {@code yaml}; empty when it configures no cache.
   *
   * @throws InvalidResponseCacheConfigException naming the offending key
   */
  public static Optional<ResponseCacheConfig> parse(String yaml) {
    Map<String, Object> top = mapping(firstDocument(yaml), "");
    Object typeValue = top.remove("type");
    Object configValue = top.remove("config");
    if (!top.isEmpty()) {
      throw error(top.keySet().iterator().next(), "unknown key (expected type and config)");
    }
    if (typeValue == null || String.valueOf(typeValue).isEmpty()) {
      throw error("type", "missing required key (IN-MEMORY, MEMCACHED or REDIS)");
    }
    String typeName = String.valueOf(typeValue).toUpperCase(Locale.ROOT);
    Map<String, Object> config = configValue == null ? new LinkedHashMap<>() : mapping(configValue, "config");
    return switch (typeName) {
      case "IN-MEMORY", "INMEMORY" -> inMemory(config);
      case "MEMCACHED" -> Optional.of(remote(ResponseCacheConfig.Type.MEMCACHED, config));
      case "REDIS" -> Optional.of(remote(ResponseCacheConfig.Type.REDIS, config));
      default -> throw error("type", "response cache with type " + typeValue + " is not supported "
          + "(IN-MEMORY, MEMCACHED or REDIS)");
    };
  }

  private static Optional<ResponseCacheConfig> inMemory(Map<String, Object> config) {
    long maxSize = 0;
    int maxItems = 0;
    Duration validity = Duration.ZERO;
    for (Map.Entry<String, Object> e : config.entrySet()) {
      String key = e.getKey();
      String value = String.valueOf(e.getValue());
      try {
        switch (key) {
          case "max_size" -> maxSize = ByteSizes.parse(value);
          case "max_size_items" -> {
            if (!(e.getValue() instanceof Integer i) || i < 0) {
              throw new IllegalArgumentException("expected a whole number >= 0, got \"" + value + "\"");
            }
            maxItems = i;
          }
          case "validity" -> validity = duration(e.getValue());
          default -> throw new IllegalArgumentException("unknown key (max_size, max_size_items or validity)");
        }
      } catch (InvalidResponseCacheConfigException ex) {
        throw ex;
      } catch (IllegalArgumentException ex) {
        throw error("config." + key, ex.getMessage());
      }
    }
    if (maxSize == 0 && maxItems == 0) {
      return Optional.empty();
    }
    return Optional.of(new ResponseCacheConfig(ResponseCacheConfig.Type.IN_MEMORY, maxSize, maxItems, validity,
        null, null, DEFAULT_EXPIRATION));
  }

  private static ResponseCacheConfig remote(ResponseCacheConfig.Type type, Map<String, Object> config) {
    Duration expiration = DEFAULT_EXPIRATION;
    Object exp = config.remove("expiration");
    if (exp != null) {
      try {
        expiration = duration(exp);
      } catch (IllegalArgumentException e) {
        throw error("config.expiration", e.getMessage());
      }
      if (expiration.isNegative()) {
        throw error("config.expiration", "must not be negative");
      }
      if (expiration.isZero()) {
        expiration = DEFAULT_EXPIRATION;
      }
    }
    CacheConfigNode section = new CacheConfigNode("response cache config", "config", config);
    MemcachedClientConfig memcached = null;
    RedisClientConfig redis = null;
    try {
      if (type == ResponseCacheConfig.Type.MEMCACHED) {
        memcached = CacheClientConfigParser.memcached(section);
      } else {
        redis = CacheClientConfigParser.redis(section);
      }
    } catch (InvalidCacheConfigException e) {
      throw new InvalidResponseCacheConfigException(e.getMessage(), e);
    }
    return new ResponseCacheConfig(type, 0, 0, Duration.ZERO, memcached, redis, expiration);
  }

  private static Duration duration(Object v) {
    if (v instanceof Integer i && i == 0) {
      return Duration.ZERO;
    }
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException("expected a duration such as 30s or 24h, got \"" + v + "\"");
    }
    return GoDuration.parse(s);
  }

  private static InvalidResponseCacheConfigException error(String key, String problem) {
    return new InvalidResponseCacheConfigException("response cache config: key '" + key + "': " + problem);
  }

  private static Map<String, Object> mapping(Object value, String key) {
    if (!(value instanceof Map<?, ?> map)) {
      throw key.isEmpty() ? new InvalidResponseCacheConfigException(
          "response cache config: expected a mapping with type and config") : error(key, "expected a mapping");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static Object firstDocument(String yaml) {
    try {
      Object first = YamlDocuments.first(yaml, false);
      if (first == null) {
        throw new InvalidResponseCacheConfigException("response cache config: empty configuration");
      }
      return first;
    } catch (InvalidYamlException e) {
      throw new InvalidResponseCacheConfigException("response cache config: invalid YAML: " + e.getMessage(), e);
    }
  }
}
