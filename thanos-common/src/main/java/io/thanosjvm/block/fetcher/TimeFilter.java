package io.thanosjvm.block.fetcher;

import io.thanosjvm.block.metadata.BlockMeta;
import java.util.Map;

/** Keeps blocks overlapping {@code [minTime, maxTime]} (ms, inclusive); others are {@code time-excluded}. */
public record TimeFilter(long minTime, long maxTime) implements MetaFilter {

  /** Validates the range. */
  public TimeFilter {
    if (minTime > maxTime) {
      throw new IllegalArgumentException("min time " + minTime + " after max time " + maxTime);
    }
  }

  @Override
  public void filter(Map<String, BlockMeta> metas, SyncCounts synced) {
    metas.values().removeIf(m -> {
      boolean excluded = m.maxTime() < minTime || m.minTime() > maxTime;
      if (excluded) {
        synced.inc(SyncState.TIME_EXCLUDED);
      }
      return excluded;
    });
  }
}
