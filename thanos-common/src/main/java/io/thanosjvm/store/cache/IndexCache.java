package io.thanosjvm.store.cache;

import java.util.List;
import java.util.Map;

/** Caches postings lists and series entries of blocks, keyed like Thanos. Values are opaque byte arrays. */
public interface IndexCache {

  /** Stores the encoded postings list of {@code labelName=labelValue} in block {@code blockId}. */
  void storePostings(String blockId, String labelName, String labelValue, byte[] value);

  /** The hits (key = label value of {@code labelName}), never null; misses are simply absent. */
  Map<String, byte[]> fetchPostings(String blockId, String labelName, List<String> labelValues);

  /** Stores the encoded series entry {@code seriesRef} of block {@code blockId}. */
  void storeSeries(String blockId, long seriesRef, byte[] value);

  /** The hits, keyed by series ref; misses absent. */
  Map<Long, byte[]> fetchSeries(String blockId, long[] seriesRefs);

  /** A cache that stores nothing. */
  static IndexCache none() {
    return new IndexCache() {
      @Override
      public void storePostings(String blockId, String labelName, String labelValue, byte[] value) {}

      @Override
      public Map<String, byte[]> fetchPostings(String blockId, String labelName, List<String> labelValues) {
        return Map.of();
      }

      @Override
      public void storeSeries(String blockId, long seriesRef, byte[] value) {}

      @Override
      public Map<Long, byte[]> fetchSeries(String blockId, long[] seriesRefs) {
        return Map.of();
      }
    };
  }
}
