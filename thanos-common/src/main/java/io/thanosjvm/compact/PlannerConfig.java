package io.thanosjvm.compact;

import java.util.List;

/**
 * How {@link Planner} plans.
 *
 * @param ranges block ranges in milliseconds, ascending (the first is the base block size)
 * @param verticalCompaction whether overlapping blocks may be merged (vertical compaction); when false an
 *     overlap halts the group
 * @param maxIndexSizeBytes estimated compacted index size at which the biggest source gets a no-compact mark
 *     ({@code --compact.block-max-index-size}); 0 disables the guard
 */
public record PlannerConfig(List<Long> ranges, boolean verticalCompaction, long maxIndexSizeBytes) {

  private static final long HOUR = 3_600_000L;

  /** Thanos' compaction levels 1h, 2h, 8h, 2d, 14d in milliseconds. */
  public static final List<Long> LEVELS = List.of(HOUR, 2 * HOUR, 8 * HOUR, 48 * HOUR, 14 * 24 * HOUR);

  /** Default {@code --compact.block-max-index-size}: 64GB. */
  public static final long DEFAULT_MAX_INDEX_SIZE_BYTES = 64L * 1024 * 1024 * 1024;

  /** Validates and freezes the configuration. */
  public PlannerConfig {
    ranges = List.copyOf(ranges);
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("at least one block range is needed");
    }
    if (maxIndexSizeBytes < 0) {
      throw new IllegalArgumentException("negative max index size " + maxIndexSizeBytes);
    }
  }

  /**
   * The configuration the compactor's flags give.
   *
   * @param enableVerticalCompaction {@code --compact.enable-vertical-compaction}
   * @param replicaLabels {@code --deduplication.replica-label}; any enables vertical compaction
   * @param maxCompactionLevel {@code --debug.max-compaction-level} (1 to 4, default 4)
   * @param maxIndexSizeBytes {@code --compact.block-max-index-size}
   */
  public static PlannerConfig fromFlags(boolean enableVerticalCompaction, List<String> replicaLabels,
      int maxCompactionLevel, long maxIndexSizeBytes) {
    if (maxCompactionLevel < 1 || maxCompactionLevel > LEVELS.size() - 1) {
      throw new IllegalArgumentException("max compaction level must be between 1 and " + (LEVELS.size() - 1)
          + ", got " + maxCompactionLevel);
    }
    return new PlannerConfig(LEVELS.subList(0, maxCompactionLevel + 1),
        enableVerticalCompaction || !replicaLabels.isEmpty(), maxIndexSizeBytes);
  }
}
