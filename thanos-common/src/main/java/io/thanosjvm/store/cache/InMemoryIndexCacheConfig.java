package io.thanosjvm.store.cache;

/**
 * The {@code config} section of an {@code IN-MEMORY} index cache.
 *
 * @param maxSize the most bytes (keys and values) the cache holds ({@code max_size}, default 250MiB)
 * @param maxItemSize the largest single item in bytes; bigger ones are refused ({@code max_item_size},
 *     default 125MiB)
 */
public record InMemoryIndexCacheConfig(long maxSize, long maxItemSize) {

  /** Thanos' default {@code max_size}: 250MiB. */
  public static final long DEFAULT_MAX_SIZE = 250L * 1024 * 1024;
  /** Thanos' default {@code max_item_size}: 125MiB. */
  public static final long DEFAULT_MAX_ITEM_SIZE = 125L * 1024 * 1024;

  /** Validates the sizes. */
  public InMemoryIndexCacheConfig {
    if (maxSize < 0 || maxItemSize < 0) {
      throw new IllegalArgumentException("index cache sizes must not be negative: max_size=" + maxSize
          + ", max_item_size=" + maxItemSize);
    }
    if (maxItemSize > maxSize) {
      throw new IllegalArgumentException("max item size (" + maxItemSize
          + ") cannot be bigger than overall cache size (" + maxSize + ")");
    }
  }

  /** Thanos' defaults. */
  public static InMemoryIndexCacheConfig defaults() {
    return new InMemoryIndexCacheConfig(DEFAULT_MAX_SIZE, DEFAULT_MAX_ITEM_SIZE);
  }

  /**
   * A cache of {@code maxSize} bytes whose item limit is Thanos' default, lowered to {@code maxSize} when the
   * cache is smaller (what {@code --index-cache-size} means).
   */
  public static InMemoryIndexCacheConfig ofMaxSize(long maxSize) {
    return new InMemoryIndexCacheConfig(maxSize, Math.min(DEFAULT_MAX_ITEM_SIZE, maxSize));
  }
}
