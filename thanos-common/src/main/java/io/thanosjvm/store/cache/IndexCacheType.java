package io.thanosjvm.store.cache;

import java.util.Locale;

/** The {@code type} of an index cache config (case-insensitive in the YAML, as in Thanos). */
public enum IndexCacheType {
  /** The in-process LRU. */
  IN_MEMORY("IN-MEMORY"),
  /** Memcached servers. */
  MEMCACHED("MEMCACHED"),
  /** A Redis server. */
  REDIS("REDIS");

  private final String yamlName;

  IndexCacheType(String yamlName) {
    this.yamlName = yamlName;
  }

  /** Returns the name as written in the YAML. */
  public String yamlName() {
    return yamlName;
  }

  /** Returns the type named {@code name} in any case, or null. */
  public static IndexCacheType parse(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    for (IndexCacheType t : values()) {
      if (t.yamlName.equals(upper)) {
        return t;
      }
    }
    return null;
  }
}
