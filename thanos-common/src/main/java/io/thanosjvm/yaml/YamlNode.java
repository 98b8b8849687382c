package io.thanosjvm.yaml;

import io.thanosjvm.model.GoDuration;
import io.thanosjvm.model.PromDuration;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One YAML mapping of a configuration being read key by key. Remembers which keys were read so that {@link
 * #finish()} can reject the unknown ones; every error names the full key path ({@code key 'config.tls.ca_file'}).
 * A configuration may extend it with readers of its own value kinds.
 */
public class YamlNode {

  private final YamlConfig config;
  private final String path;
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Set<String> read = new LinkedHashSet<>();

  /** Wraps {@code values}, found at key {@code path} ("" for the top level) of a {@code config}. */
  public YamlNode(YamlConfig config, String path, Map<?, ?> values) {
    this.config = config;
    this.path = path;
    if (values != null) {
      values.forEach((k, v) -> this.values.put(String.valueOf(k), v));
    }
  }

  /** The configuration kind this node belongs to. */
  public YamlConfig config() {
    return config;
  }

  /** The full dotted path of {@code key} in this node. */
  public String keyPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** An error about {@code key} of this node. */
  public RuntimeException error(String key, String problem) {
    return config.error("key '" + keyPath(key) + "': " + problem);
  }

  /** The raw value of {@code key} (null when absent), marking the key as read. */
  protected Object raw(String key) {
    read.add(key);
    return values.get(key);
  }

  private static boolean scalar(Object v) {
    return !(v instanceof Map) && !(v instanceof Iterable);
  }

  /** Whether the key is present with a non-null value. */
  public boolean has(String key) {
    return values.get(key) != null;
  }

  /** A string, {@code fallback} when absent. */
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

  /** A string that must be present and non-empty. */
  public String requiredString(String key) {
    String v = string(key, "");
    if (v.isEmpty()) {
      throw error(key, "missing required key");
    }
    return v;
  }

  /** A boolean, {@code fallback} when absent. */
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

  /** A whole number, {@code fallback} when absent. */
  public long number(String key, long fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Integer || v instanceof Long) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger big) {
      try {
        return big.longValueExact();
      } catch (ArithmeticException e) {
        throw error(key, "number out of range: " + v);
      }
    }
    throw error(key, "expected a whole number, got \"" + v + "\"");
  }

  /** A whole number that fits an int, {@code fallback} when absent. */
  public int integer(String key, int fallback) {
    long v = number(key, fallback);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw error(key, "number out of range: " + raw(key));
    }
    return (int) v;
  }

  /** A number, {@code fallback} when absent. */
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

  /** A Prometheus duration ({@code 1m30s}, {@link PromDuration}), {@code fallback} when absent. */
  public Duration promDuration(String key, Duration fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    try {
      return PromDuration.parse(String.valueOf(v));
    } catch (IllegalArgumentException e) {
      throw error(key, e.getMessage());
    }
  }

  /** A Go duration ({@code 500ms}, {@link GoDuration}), an integer 0 as zero, {@code fallback} when absent. */
  public Duration goDuration(String key, Duration fallback) {
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
      return GoDuration.parse(s);
    } catch (IllegalArgumentException e) {
      throw error(key, e.getMessage());
    }
  }

  /** A list of strings, empty when absent. */
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

  /** A mapping of strings to strings (null values as ""), empty when absent. */
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

  /** The values of a nested mapping (null when absent), for building a child node. */
  protected Map<?, ?> mapping(String key) {
    Object v = raw(key);
    if (v != null && !(v instanceof Map)) {
      throw error(key, "expected a mapping");
    }
    return (Map<?, ?>) v;
  }

  /** A list of nested mappings (empty when absent), each named {@code key[i]} in errors. */
  public List<YamlNode> children(String key) {
    Object v = raw(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> items)) {
      throw error(key, "expected a list");
    }
    List<YamlNode> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof Map<?, ?> m)) {
        throw error(key, "item " + i + " is not a mapping");
      }
      out.add(new YamlNode(config, keyPath(key) + "[" + i + "]", m));
    }
    return out;
  }

  /** A nested mapping, empty when absent. */
  public YamlNode child(String key) {
    return new YamlNode(config, keyPath(key), mapping(key));
  }

  /**
   * Ends reading: a key that was never read is reported as unknown.
   *
   * @throws the configuration's exception naming the first unknown key
   */
  public void finish() {
    for (String key : values.keySet()) {
      if (!read.contains(key)) {
        throw error(key, "unknown key (not a valid field of this section)");
      }
    }
  }

  /** Ends reading; only when {@code strict} are unknown keys rejected ({@link #finish()}). */
  public void finish(boolean strict) {
    if (strict) {
      finish();
    }
  }
}
