package io.thanosjvm.store.cachingbucket;

import io.thanosjvm.yaml.InvalidYamlException;
import io.thanosjvm.yaml.YamlDocuments;
import io.thanosjvm.cacheutil.ByteSizes;
import io.thanosjvm.model.GoDuration;
import io.thanosjvm.store.cache.IndexCacheConfig;
import io.thanosjvm.store.cache.IndexCacheConfigParser;
import io.thanosjvm.store.cache.InvalidIndexCacheConfigException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads Thanos' caching bucket YAML: {@code type} and {@code config} exactly as the index cache's (the same backends
 * and client keys, checked by {@link IndexCacheConfigParser}), plus the top-level tuning keys of
 * {@link CachingBucketSettings}. {@code GROUPCACHE} and unknown keys are refused with a message naming the key.
 */
public final class CachingBucketConfigParser {

  private CachingBucketConfigParser() {}

  /** The backend ({@link IndexCacheConfig} without item settings) and the tuning keys. */
  public record CachingBucketConfig(IndexCacheConfig backend, CachingBucketSettings settings) {}

  /**
   * Parses {@code yaml}.
   *
   * @throws InvalidIndexCacheConfigException naming the offending key
   */
  public static CachingBucketConfig parse(String yaml) {
    Map<String, Object> top = load(yaml);
    if ("GROUPCACHE".equalsIgnoreCase(String.valueOf(top.get("type")))) {
      throw error("type", "GROUPCACHE is not supported by this implementation (IN-MEMORY, MEMCACHED or REDIS)");
    }
    CachingBucketSettings d = CachingBucketSettings.defaults();
    CachingBucketSettings settings;
    try {
      settings = new CachingBucketSettings(
          bytes(top, "chunk_subrange_size", d.chunkSubrangeSize()),
          (int) integer(top, "max_chunks_get_range_requests", d.maxChunksGetRangeRequests()),
          duration(top, "chunk_object_attrs_ttl", d.chunkObjectAttrsTtl()),
          duration(top, "chunk_subrange_ttl", d.chunkSubrangeTtl()),
          duration(top, "blocks_iter_ttl", d.blocksIterTtl()),
          duration(top, "metafile_exists_ttl", d.metafileExistsTtl()),
          duration(top, "metafile_doesnt_exist_ttl", d.metafileDoesntExistTtl()),
          duration(top, "metafile_content_ttl", d.metafileContentTtl()),
          bytes(top, "metafile_max_size", d.metafileMaxSize()));
    } catch (InvalidIndexCacheConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidIndexCacheConfigException("caching bucket config: " + e.getMessage(), e);
    }
    for (String indexCacheOnly : new String[] {"enabled_items", "ttl"}) {
      if (top.containsKey(indexCacheOnly)) {
        throw error(indexCacheOnly, "unknown key (an index cache key, not a caching bucket one)");
      }
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    IndexCacheConfig backend;
    try {
      backend = IndexCacheConfigParser.parse(new Yaml(options).dump(top));
    } catch (InvalidIndexCacheConfigException e) {
      throw new InvalidIndexCacheConfigException(e.getMessage().replace("index cache config", "caching bucket config"),
          e);
    }
    return new CachingBucketConfig(backend, settings);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(String yaml) {
    Object doc;
    try {
      doc = YamlDocuments.first(yaml, true);
    } catch (InvalidYamlException e) {
      throw new InvalidIndexCacheConfigException("caching bucket config: invalid YAML: " + e.getMessage(), e);
    }
    if (!(doc instanceof Map<?, ?> m)) {
      throw new InvalidIndexCacheConfigException("caching bucket config: expected a mapping with 'type' and 'config'");
    }
    return new LinkedHashMap<>((Map<String, Object>) m);
  }

  private static Duration duration(Map<String, Object> top, String key, Duration fallback) {
    Object v = top.remove(key);
    if (v == null) {
      return fallback;
    }
    try {
      return v instanceof Integer i && i == 0 ? Duration.ZERO : GoDuration.parse(String.valueOf(v));
    } catch (IllegalArgumentException e) {
      throw error(key, e.getMessage());
    }
  }

  private static long bytes(Map<String, Object> top, String key, long fallback) {
    Object v = top.remove(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    try {
      return ByteSizes.parse(String.valueOf(v));
    } catch (IllegalArgumentException e) {
      throw error(key, e.getMessage());
    }
  }

  private static long integer(Map<String, Object> top, String key, long fallback) {
    Object v = top.remove(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n)) {
      throw error(key, "expected a whole number, got \"" + v + "\"");
    }
    return n.longValue();
  }

  private static InvalidIndexCacheConfigException error(String key, String problem) {
    return new InvalidIndexCacheConfigException("caching bucket config: key '" + key + "': " + problem);
  }
}
