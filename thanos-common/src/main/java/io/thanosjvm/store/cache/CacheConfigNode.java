package io.thanosjvm.store.cache;

import io.thanosjvm.yaml.YamlConfig;
import io.thanosjvm.yaml.YamlNode;
import java.time.Duration;
import java.util.Map;

/**
 * One mapping of the index cache YAML, read with the shared {@link YamlNode}; adds the cache config's value kinds
 * (Go durations, byte sizes). Every error is an {@link InvalidIndexCacheConfigException} naming the full key path.
 */
final class CacheConfigNode extends YamlNode {

  /** The index cache configuration kind: its error prefix and exception. */
  static final YamlConfig CONFIG = new YamlConfig("index cache config", InvalidIndexCacheConfigException::new);

  CacheConfigNode(String path, Map<?, ?> values) {
    super(CONFIG, path, values);
  }

  /** A Go duration string ({@code 500ms}); an integer 0 is accepted as zero. */
  Duration duration(String key, Duration fallback) {
    return goDuration(key, fallback);
  }

  /** A byte size with unit ({@code 250MB}, {@code 1GiB}); a bare 0 is zero. */
  long bytes(String key, long fallback) {
    Object v = raw(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Map || v instanceof Iterable) {
      throw error(key, "expected a byte size such as 250MB");
    }
    try {
      return ByteSizes.parse(String.valueOf(v));
    } catch (IllegalArgumentException e) {
      throw error(key, e.getMessage());
    }
  }

  @Override
  public CacheConfigNode child(String key) {
    return new CacheConfigNode(keyPath(key), mapping(key));
  }
}
