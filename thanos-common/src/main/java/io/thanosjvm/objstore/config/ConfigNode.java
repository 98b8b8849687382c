package io.thanosjvm.objstore.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One YAML mapping of an objstore config being read key by key. Remembers which keys were read so that
 * {@link #finish(boolean)} can reject the unknown ones; every error names the source (file or flag) and
 * the full key path.
 */
public final class ConfigNode {

  private final String source;
  private final String path;
  private final Map<String, Object> values;
  private final Set<String> read = new LinkedHashSet<>();

  /** Wraps {@code values}, found at key {@code path} ("" for the top level) of {@code source}. */
  public ConfigNode(String source, String path, Map<?, ?> values) {
    this.source = source;
    this.path = path;
    this.values = new LinkedHashMap<>();
    if (values != null) {
      values.forEach((k, v) -> this.values.put(String.valueOf(k), v));
    }
  }

  /** Returns the name of the file or flag the config came from. */
  public String source() {
    return source;
  }

  /** Returns the full dotted path of {@code key} in this node. */
  public String keyPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Builds an error about {@code key} of this node. */
  public InvalidObjstoreConfigException error(String key, String problem) {
    return new InvalidObjstoreConfigException(
        "objstore config " + source + ": key '" + keyPath(key) + "': " + problem);
  }

  private Object raw(String key) {
    read.add(key);
    return values.get(key);
  }

  /** Returns whether the key is present with a non-null value. */
  public boolean has(String key) {
    return values.get(key) != null;
  }

  /** Reads a string, {@code fallback} when absent. */
  public String string(String key, String fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Map || v instanceof Iterable) {
      throw error(key, "expected a string, got a " + (v instanceof Map ? "mapping" : "sequence"));
    }
    return String.valueOf(v);
  }

  /** Reads a string that must be present and non-empty. */
  public String requiredString(String key) {
    String v = string(key, "");
    if (v.isEmpty()) {
      throw error(key, "missing required key");
    }
    return v;
  }

  /** Reads a boolean, {@code fallback} when absent. */
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

  /** Reads a whole number, {@code fallback} when absent. */
  public long number(String key, long fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger) {
      try {
        return ((Number) v) instanceof java.math.BigInteger big ? big.longValueExact() : ((Number) v).longValue();
      } catch (ArithmeticException e) {
        throw error(key, "number out of range: " + v);
      }
    }
    throw error(key, "expected a whole number, got \"" + v + "\"");
  }

  /** Reads a whole number that fits an int. */
  public int integer(String key, int fallback) {
    long v = number(key, fallback);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw error(key, "number out of range: " + v);
    }
    return (int) v;
  }

  /** Reads a Prometheus duration string such as {@code 1m30s}, {@code fallback} when absent. */
  public Duration duration(String key, Duration fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    try {
      return PromDuration.parse(String.valueOf(v));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw error(key, e.getMessage());
    }
  }

  /** Reads a mapping of strings to strings, empty when absent. */
  public Map<String, String> stringMap(String key) {
    Object v = raw(key);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> map)) {
      throw error(key, "expected a mapping");
    }
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((k, val) -> out.put(String.valueOf(k), val == null ? "" : String.valueOf(val)));
    return Map.copyOf(out);
  }

  /** Reads a nested mapping, empty when absent. */
  public ConfigNode child(String key) {
    Object v = raw(key);
    if (v != null && !(v instanceof Map)) {
      throw error(key, "expected a mapping");
    }
    return new ConfigNode(source, keyPath(key), (Map<?, ?>) v);
  }

  /**
   * Ends reading; when {@code strict}, a key that was never read is reported as unknown.
   *
   * @throws InvalidObjstoreConfigException naming the first unknown key
   */
  public void finish(boolean strict) {
    if (!strict) {
      return;
    }
    for (String key : values.keySet()) {
      if (!read.contains(key)) {
        throw error(key, "unknown key (not a valid field of this section)");
      }
    }
  }
}
