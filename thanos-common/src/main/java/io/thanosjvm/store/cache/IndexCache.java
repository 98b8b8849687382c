package io.thanosjvm.store.cache;

import java.util.List;
import java.util.Map;

/**
 * Caches postings lists and series entries of blocks, keyed like Thanos. Values are opaque byte arrays.
 *
 * <p>Implementations are thread-safe and never fail a query: an unreachable remote cache answers with misses.
 * The fetch methods return a new mutable map owned by the caller; the arrays in it may be shared with the cache
 * and must not be modified.
 */
public interface IndexCache {

  /** Stores the postings list of {@code labelName=labelValue} in block {@code blockId} (a ULID string). */
  void storePostings(String blockId, String labelName, String labelValue, byte[] value);

  /** The hits (key = label value of {@code labelName}), never null; misses are simply absent. */
  Map<String, byte[]> fetchPostings(String blockId, String labelName, List<String> labelValues);

  /** Stores the series entry with reference {@code seriesRef} of block {@code blockId}. */
  void storeSeries(String blockId, long seriesRef, byte[] value);

  /** The hits, keyed by series ref; misses absent. */
  Map<Long, byte[]> fetchSeries(String blockId, long[] seriesRefs);

  /** A cache that stores nothing. */
  static IndexCache none() {
    return NoIndexCache.INSTANCE;
  }
}
