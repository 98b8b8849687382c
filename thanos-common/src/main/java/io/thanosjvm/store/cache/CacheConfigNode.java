package io.thanosjvm.store.cache;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One mapping of the index cache YAML read key by key; {@link #finish()} rejects keys never read. Every error
 * names the full key path.
 */
final class CacheConfigNode {

  private final String path;
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Set<String> read = new LinkedHashSet<>();

  CacheConfigNode(String path, Map<?, ?> values) {
    this.path = path;
    if (values != null) {
      values.forEach((k, v) -> this.values.put(String.valueOf(k), v));
    }
  }

  String keyPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  InvalidIndexCacheConfigException error(String key, String problem) {
    return new InvalidIndexCacheConfigException("index cache config: key '" + keyPath(key) + "': " + problem);
  }

  private Object raw(String key) {
    read.add(key);
    return values.get(key);
  }

  private static boolean scalar(Object v) {
    return !(v instanceof Map) && !(v instanceof Iterable);
  }

  String string(String key, String fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (!scalar(v)) {
      throw error(key, "expected a string, got a " + (v instanceof Map ? "mapping" : "sequence"));
    }
    return String.valueOf(v);
  }

  boolean bool(String key, boolean fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw error(key, "expected true or false, got \"" + v + "\"");
  }

  int integer(String key, int fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Integer i) {
      return i;
    }
    if (v instanceof Long || v instanceof BigInteger) {
      throw error(key, "number out of range: " + v);
    }
    throw error(key, "expected a whole number, got \"" + v + "\"");
  }

  double decimal(String key, double fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw error(key, "expected a number, got \"" + v + "\"");
  }

  /** A Go duration string ({@code 500ms}); an integer 0 is accepted as zero. */
  Duration duration(String key, Duration fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Integer i && i == 0) {
      return Duration.ZERO;
    }
    if (!(v instanceof String s)) {
      throw error(key, "expected a duration such as 500ms or 1m30s, got \"" + v + "\"");
    }
    try {
      return GoDurations.parse(s);
    } catch (IllegalArgumentException e) {
      throw error(key, e.getMessage());
    }
  }

  /** A byte size with unit ({@code 250MB}, {@code 1GiB}); a bare 0 is zero. */
  long bytes(String key, long fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (!scalar(v)) {
      throw error(key, "expected a byte size such as 250MB");
    }
    try {
      return ByteSizes.parse(String.valueOf(v));
    } catch (IllegalArgumentException e) {
      throw error(key, e.getMessage());
    }
  }

  List<String> strings(String key) {
    Object v = raw(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw error(key, "expected a list");
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (o == null || !scalar(o)) {
        throw error(key, "expected a list of strings");
      }
      out.add(String.valueOf(o));
    }
    return out;
  }

  CacheConfigNode child(String key) {
    Object v = raw(key);
    if (v != null && !(v instanceof Map)) {
      throw error(key, "expected a mapping");
    }
    return new CacheConfigNode(keyPath(key), (Map<?, ?>) v);
  }

  /** Rejects the first key that was never read. */
  void finish() {
    for (String key : values.keySet()) {
      if (!read.contains(key)) {
        throw error(key, "unknown key (not a valid field of this section)");
      }
    }
  }
}
