package io.thanosjvm.store.cache;

import java.util.List;
import java.util.Map;

/**
 * Applies {@code enabled_items}: stores and fetches of disabled item types bypass the cache (no-ops and
 * misses), enabled ones go to the underlying cache. Closing it closes the underlying cache.
 */
final class FilteredIndexCache implements IndexCache, AutoCloseable {

  private final IndexCache cache;
  private final boolean postings;
  private final boolean series;

  FilteredIndexCache(IndexCache cache, boolean postings, boolean series) {
    this.cache = cache;
    this.postings = postings;
    this.series = series;
  }

  @Override
  public void storePostings(String blockId, String labelName, String labelValue, byte[] value) {
    if (postings) {
      cache.storePostings(blockId, labelName, labelValue, value);
    }
  }

  @Override
  public Map<String, byte[]> fetchPostings(String blockId, String labelName, List<String> labelValues) {
    return postings ? cache.fetchPostings(blockId, labelName, labelValues) : new java.util.HashMap<>();
  }

  @Override
  public void storeSeries(String blockId, long seriesRef, byte[] value) {
    if (series) {
      cache.storeSeries(blockId, seriesRef, value);
    }
  }

  @Override
  public Map<Long, byte[]> fetchSeries(String blockId, long[] seriesRefs) {
    return series ? cache.fetchSeries(blockId, seriesRefs) : new java.util.HashMap<>();
  }

  @Override
  public void close() throws Exception {
    if (cache instanceof AutoCloseable c) {
      c.close();
    }
  }

  @Override
  public String toString() {
    return "FilteredIndexCache{" + cache + ", postings=" + postings + ", series=" + series + "}";
  }
}
