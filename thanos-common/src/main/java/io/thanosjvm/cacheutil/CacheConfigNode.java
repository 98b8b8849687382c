package io.thanosjvm.cacheutil;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One mapping of a cache YAML (index cache, caching bucket, response cache) read key by key; {@link #finish()}
 * rejects keys never read. Every error names the configuration and the full key path.
 */
public final class CacheConfigNode {

  private final String subject;
  private final String path;
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Set<String> read = new LinkedHashSet<>();

  /**
   * The mapping {@code values} (null reads as empty) at key path {@code path} ("" at the top) of the
   * configuration {@code subject} (e.g. {@code index cache config}), which prefixes every error message.
   */
  public CacheConfigNode(String subject, String path, Map<?, ?> values) {
    this.subject = subject;
    this.path = path;
    if (values != null) {
      values.forEach((k, v) -> this.values.put(String.valueOf(k), v));
    }
  }

  /** The full path of {@code key} of this mapping, for messages. */
  public String keyPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** An error about {@code key} of this mapping. */
  public InvalidCacheConfigException error(String key, String problem) {
    return new InvalidCacheConfigException(subject + ": key '" + keyPath(key) + "': " + problem);
  }

  /** An error about this mapping as a whole (e.g. values that contradict each other). */
  public InvalidCacheConfigException invalid(String problem, Throwable cause) {
    return new InvalidCacheConfigException(subject + ": key '" + path + "': " + problem, cause);
  }

  private Object raw(String key) {
    read.add(key);
    return values.get(key);
  }

  private static boolean scalar(Object v) {
    return !(v instanceof Map) && !(v instanceof Iterable);
  }

  /** A scalar read as text, or {@code fallback} when absent. */
  public String string(String key, String fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (!scalar(v)) {
      throw error(key, "expected a string, got a " + (v instanceof Map ? "mapping" : "sequence"));
    }
    return String.valueOf(v);
  }

  /** {@code true} or {@code false}, or {@code fallback} when absent. */
  public boolean bool(String key, boolean fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw error(key, "expected true or false, got \"" + v + "\"");
  }

  /** A whole number in int range, or {@code fallback} when absent. */
  public int integer(String key, int fallback) {
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

  /** A number, or {@code fallback} when absent. */
  public double decimal(String key, double fallback) {
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
  public Duration duration(String key, Duration fallback) {
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
  public long bytes(String key, long fallback) {
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

  /** A sequence of scalars, empty when absent. */
  public List<String> strings(String key) {
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

  /** The nested mapping under {@code key} (empty when absent). */
  public CacheConfigNode child(String key) {
    Object v = raw(key);
    if (v != null && !(v instanceof Map)) {
      throw error(key, "expected a mapping");
    }
    return new CacheConfigNode(subject, keyPath(key), (Map<?, ?>) v);
  }

  /** Rejects the first key that was never read. */
  public void finish() {
    for (String key : values.keySet()) {
      if (!read.contains(key)) {
        throw error(key, "unknown key (not a valid field of this section)");
      }
    }
  }
}
