package io.thanosjvm.store.cache;

import io.thanosjvm.cacheutil.CacheClientConfigParser;
import io.thanosjvm.cacheutil.CacheConfigNode;
import io.thanosjvm.cacheutil.InvalidCacheConfigException;
import io.thanosjvm.yaml.YamlConfig;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads Thanos' index cache YAML ({@code type}, {@code config}, {@code enabled_items}, {@code ttl}) strictly:
 * unknown keys, unknown types and Thanos options this implementation does not provide are errors naming the
 * key. The MEMCACHED and REDIS {@code config} sections are the cache clients' and are read by
 * {@link CacheClientConfigParser}.
 */
public final class IndexCacheConfigParser {

  private static final String SUBJECT = "index cache config";

  private IndexCacheConfigParser() {}

  /**
   * Parses {@code yaml}.
   *
   * @throws InvalidIndexCacheConfigException naming the offending key
   */
  public static IndexCacheConfig parse(String yaml) {
    try {
      return parseNode(new CacheConfigNode(SUBJECT, "", firstDocument(yaml)));
    } catch (InvalidIndexCacheConfigException e) {
      throw e;
    } catch (InvalidCacheConfigException e) {
      throw new InvalidIndexCacheConfigException(e.getMessage(), e);
    }
  }

  private static IndexCacheConfig parseNode(CacheConfigNode top) {
    String typeName = top.string("type", "");
    if (typeName.isEmpty()) {
      throw top.error("type", "missing required key (IN-MEMORY, MEMCACHED or REDIS)");
    }
    IndexCacheType type = IndexCacheType.parse(typeName);
    if (type == null) {
      throw top.error("type", "index cache with type " + typeName + " is not supported "
          + "(IN-MEMORY, MEMCACHED or REDIS)");
    }
    CacheConfigNode section = top.child("config");
    Set<ItemType> items = EnumSet.noneOf(ItemType.class);
    for (String name : top.strings("enabled_items")) {
      ItemType item = ItemType.byLabel(name);
      if (item == null) {
        throw top.error("enabled_items", "unsupported item type " + name + " (Postings, Series or ExpandedPostings)");
      }
      items.add(item);
    }
    Duration ttl = top.duration("ttl", Duration.ZERO);
    if (ttl.isNegative()) {
      throw top.error("ttl", "must not be negative");
    }
    if (ttl.isZero()) {
      ttl = RemoteIndexCache.DEFAULT_TTL;
    }
    top.finish();
    try {
      return switch (type) {
        case IN_MEMORY -> new IndexCacheConfig(type, inMemory(section), null, null, items, ttl);
        case MEMCACHED -> new IndexCacheConfig(type, null, CacheClientConfigParser.memcached(section), null, items,
            ttl);
        case REDIS -> new IndexCacheConfig(type, null, null, CacheClientConfigParser.redis(section), items, ttl);
      };
    } catch (InvalidCacheConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw section.invalid(e.getMessage(), e);
    }
  }

  private static InMemoryIndexCacheConfig inMemory(CacheConfigNode c) {
    long maxSize = c.bytes("max_size", InMemoryIndexCacheConfig.DEFAULT_MAX_SIZE);
    long maxItemSize = c.bytes("max_item_size", InMemoryIndexCacheConfig.DEFAULT_MAX_ITEM_SIZE);
    c.finish();
    return new InMemoryIndexCacheConfig(maxSize, maxItemSize);
  }

  private static Map<?, ?> firstDocument(String yaml) {
    return new YamlConfig(SUBJECT, InvalidIndexCacheConfigException::new)
        .firstMapping(yaml, "type, config, enabled_items and ttl");
  }
}
