package io.thanosjvm.block.fetcher;

import java.util.EnumMap;
import java.util.Map;

/** Per-state block counts of one fetch; filters add to them. Not thread-safe. */
public final class SyncCounts {

  private final EnumMap<SyncState, Long> counts = new EnumMap<>(SyncState.class);

  /** An all-zero count. */
  public SyncCounts() {
    for (SyncState s : SyncState.values()) {
      counts.put(s, 0L);
    }
  }

  /** Adds one block to {@code state}. */
  public void inc(SyncState state) {
    counts.merge(state, 1L, Long::sum);
  }

  /** Sets {@code state} to {@code value}. */
  public void set(SyncState state, long value) {
    counts.put(state, value);
  }

  /** The count of {@code state}. */
  public long get(SyncState state) {
    return counts.get(state);
  }

  /** A copy of all counts. */
  public Map<SyncState, Long> asMap() {
    return new EnumMap<>(counts);
  }
}
