package io.thanosjvm.cacheutil;

import io.thanosjvm.yaml.YamlConfig;
import io.thanosjvm.yaml.YamlNode;
import java.time.Duration;
import java.util.Map;

/**
 * One mapping of a cache YAML (index cache, caching bucket, response cache), read with the shared {@link YamlNode}
 * and adding the cache configurations' value kinds (Go durations, byte sizes). Every error is an
 * {@link InvalidCacheConfigException} naming the configuration and the full key path.
 */
public final class CacheConfigNode extends YamlNode {

  private final String path;

  /**
   * The mapping {@code values} (null reads as empty) at key path {@code path} ("" at the top) of the configuration
   * {@code subject} (e.g. {@code index cache config}), which prefixes every error message.
   */
  public CacheConfigNode(String subject, String path, Map<?, ?> values) {
    this(new YamlConfig(subject, InvalidCacheConfigException::new), path, values);
  }

  private CacheConfigNode(YamlConfig config, String path, Map<?, ?> values) {
    super(config, path, values);
    this.path = path;
  }

  @Override
  public InvalidCacheConfigException error(String key, String problem) {
    return (InvalidCacheConfigException) super.error(key, problem);
  }

  /** An error about this mapping as a whole (e.g. values that contradict each other). */
  public InvalidCacheConfigException invalid(String problem, Throwable cause) {
    return (InvalidCacheConfigException) config().error("key '" + path + "': " + problem, cause);
  }

  /** A Go duration string ({@code 500ms}); an integer 0 is accepted as zero. */
  public Duration duration(String key, Duration fallback) {
    return goDuration(key, fallback);
  }

  /** A byte size with unit ({@code 250MB}, {@code 1GiB}); a bare 0 is zero. */
  public long bytes(String key, long fallback) {
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
    return new CacheConfigNode(config(), keyPath(key), mapping(key));
  }
}
