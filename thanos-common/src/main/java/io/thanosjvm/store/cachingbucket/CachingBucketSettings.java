package io.thanosjvm.store.cachingbucket;

import java.time.Duration;
import java.util.Objects;

/**
 * The caching bucket's tuning keys, with Thanos' defaults.
 *
 * @param chunkSubrangeSize {@code chunk_subrange_size} (16000): chunk objects are cached in aligned pieces of this size
 * @param maxChunksGetRangeRequests {@code max_chunks_get_range_requests} (3): at most this many range reads fetch
 *     the missing pieces of one read (neighbouring gaps are merged until it fits)
 * @param chunkObjectAttrsTtl {@code chunk_object_attrs_ttl} (24h)
 * @param chunkSubrangeTtl {@code chunk_subrange_ttl} (24h)
 * @param blocksIterTtl {@code blocks_iter_ttl} (5m): how long the bucket's top-level listing is reused
 * @param metafileExistsTtl {@code metafile_exists_ttl} (2h)
 * @param metafileDoesntExistTtl {@code metafile_doesnt_exist_ttl} (15m)
 * @param metafileContentTtl {@code metafile_content_ttl} (24h)
 * @param metafileMaxSize {@code metafile_max_size} (1MiB): bigger meta/marker files are not cached
 */
public record CachingBucketSettings(long chunkSubrangeSize, int maxChunksGetRangeRequests,
    Duration chunkObjectAttrsTtl, Duration chunkSubrangeTtl, Duration blocksIterTtl, Duration metafileExistsTtl,
    Duration metafileDoesntExistTtl, Duration metafileContentTtl, long metafileMaxSize) {

  /** Validates: positive sizes and request count, non-negative TTLs. */
  public CachingBucketSettings {
    if (chunkSubrangeSize <= 0) {
      throw new IllegalArgumentException("chunk_subrange_size must be positive, got " + chunkSubrangeSize);
    }
    if (maxChunksGetRangeRequests < 0) {
      throw new IllegalArgumentException("max_chunks_get_range_requests must not be negative, got "
          + maxChunksGetRangeRequests);
    }
    if (metafileMaxSize < 0) {
      throw new IllegalArgumentException("metafile_max_size must not be negative, got " + metafileMaxSize);
    }
    for (Duration d : new Duration[] {chunkObjectAttrsTtl, chunkSubrangeTtl, blocksIterTtl, metafileExistsTtl,
        metafileDoesntExistTtl, metafileContentTtl}) {
      if (Objects.requireNonNull(d, "ttl").isNegative()) {
        throw new IllegalArgumentException("cache TTLs must not be negative, got " + d);
      }
    }
  }

  /** Thanos' defaults. */
  public static CachingBucketSettings defaults() {
    return new CachingBucketSettings(16_000, 3, Duration.ofHours(24), Duration.ofHours(24), Duration.ofMinutes(5),
        Duration.ofHours(2), Duration.ofMinutes(15), Duration.ofHours(24), 1L << 20);
  }
}
