package io.thanosjvm.store.cache;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The cache that stores nothing and always misses; returned by {@link IndexCache#none()}. */
enum NoIndexCache implements IndexCache {
  INSTANCE;

  @Override
  public void storePostings(String blockId, String labelName, String labelValue, byte[] value) {}

  @Override
  public Map<String, byte[]> fetchPostings(String blockId, String labelName, List<String> labelValues) {
    return new HashMap<>();
  }

  @Override
  public void storeSeries(String blockId, long seriesRef, byte[] value) {}

  @Override
  public Map<Long, byte[]> fetchSeries(String blockId, long[] seriesRefs) {
    return new HashMap<>();
  }

  @Override
  public String toString() {
    return "IndexCache.none()";
  }
}
