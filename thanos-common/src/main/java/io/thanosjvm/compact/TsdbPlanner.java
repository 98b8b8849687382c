package io.thanosjvm.compact;

import io.thanosjvm.block.metadata.BlockMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prometheus' leveled planning over block metas (no filesystem), with Thanos' handling of no-compact marked
 * blocks: overlapping blocks first (vertical compaction), otherwise the first aligned range of two or more
 * blocks that is complete or lies before the newest block (which is never planned), otherwise a large block
 * with more than 5% tombstones rewritten alone.
 */
public final class TsdbPlanner {

  private static final double TOMBSTONE_RATIO = 0.05;

  private final long[] ranges;

  /**
   * A planner over the given block ranges.
   *
   * @param ranges block ranges in milliseconds, ascending; the first is the base block size and is never a
   *     compaction target
   */
  public TsdbPlanner(List<Long> ranges) {
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("at least one block range is needed");
    }
    this.ranges = new long[ranges.size()];
    for (int i = 0; i < this.ranges.length; i++) {
      this.ranges[i] = ranges.get(i);
      if (this.ranges[i] <= 0 || (i > 0 && this.ranges[i] <= this.ranges[i - 1])) {
        throw new IllegalArgumentException("block ranges must be positive and ascending: " + ranges);
      }
    }
  }

  /**
   * The blocks to compact next, or an empty list.
   *
   * @param metasByMinTime all blocks of one group, ordered by min time
   * @param noCompact ULIDs of blocks that must not be compacted
   */
  public List<BlockMeta> plan(List<BlockMeta> metasByMinTime, Set<String> noCompact) {
    if (metasByMinTime.isEmpty()) {
      return List.of();
    }
    List<BlockMeta> candidates = new ArrayList<>(metasByMinTime.size());
    for (BlockMeta m : metasByMinTime) {
      if (!noCompact.contains(m.ulid())) {
        candidates.add(m);
      }
    }
    List<BlockMeta> overlapping = selectOverlapping(candidates);
    if (!overlapping.isEmpty()) {
      return overlapping;
    }
    // The newest block (highest min time) is left alone: it may just have been uploaded.
    BlockMeta newest = metasByMinTime.get(metasByMinTime.size() - 1);
    if (!noCompact.contains(newest.ulid())) {
      candidates.remove(candidates.size() - 1);
    }
    List<BlockMeta> selected = selectByRanges(metasByMinTime.subList(0, metasByMinTime.size() - 1), noCompact);
    if (!selected.isEmpty()) {
      return selected;
    }
    long minSpan = ranges[ranges.length / 2];
    for (int i = candidates.size() - 1; i >= 0; i--) {
      BlockMeta m = candidates.get(i);
      if (m.maxTime() - m.minTime() < minSpan) {
        break;
      }
      if ((double) m.numTombstones() / (double) (m.numSeries() + 1) > TOMBSTONE_RATIO) {
        return List.of(m);
      }
    }
    return List.of();
  }

  private List<BlockMeta> selectByRanges(List<BlockMeta> metasByMinTime, Set<String> noCompact) {
    if (ranges.length < 2 || metasByMinTime.isEmpty()) {
      return List.of();
    }
    long highTime = metasByMinTime.get(metasByMinTime.size() - 1).minTime();
    for (int r = 1; r < ranges.length; r++) {
      long range = ranges[r];
      for (List<BlockMeta> part : splitByRange(metasByMinTime, range)) {
        if (part.size() < 2 || part.stream().anyMatch(TsdbPlanner::compactionFailed)) {
          continue;
        }
        long mint = part.get(0).minTime();
        long maxt = part.get(part.size() - 1).maxTime();
        // A range is taken when complete (gaps allowed) or when it ends before the newest block starts.
        if (maxt - mint != range && maxt > highTime) {
          continue;
        }
        // No-compact blocks split the range into runs; the first run of two or more blocks is taken.
        int runStart = 0;
        for (int i = 0; i < part.size(); i++) {
          if (!noCompact.contains(part.get(i).ulid())) {
            continue;
          }
          if (i - runStart > 1) {
            return List.copyOf(part.subList(runStart, i));
          }
          runStart = i + 1;
        }
        if (part.size() - runStart > 1) {
          return List.copyOf(part.subList(runStart, part.size()));
        }
      }
    }
    return List.of();
  }

  /**
   * The first maximal run of time-overlapping blocks (empty when none overlap), in input order.
   *
   * @param metasByMinTime blocks ordered by min time
   */
  public static List<BlockMeta> selectOverlapping(List<BlockMeta> metasByMinTime) {
    List<BlockMeta> out = new ArrayList<>();
    if (metasByMinTime.size() < 2) {
      return out;
    }
    long globalMaxt = metasByMinTime.get(0).maxTime();
    for (int i = 1; i < metasByMinTime.size(); i++) {
      BlockMeta m = metasByMinTime.get(i);
      if (m.minTime() < globalMaxt) {
        if (out.isEmpty()) {
          out.add(metasByMinTime.get(i - 1));
        }
        out.add(m);
      } else if (!out.isEmpty()) {
        break;
      }
      globalMaxt = Math.max(globalMaxt, m.maxTime());
    }
    return out;
  }

  /**
   * Splits blocks into runs that fit the same {@code range}-aligned window {@code [t0, t0 + range]}; blocks
   * larger than their window are skipped.
   *
   * @param metasByMinTime blocks ordered by min time
   * @param range window size in milliseconds
   */
  static List<List<BlockMeta>> splitByRange(List<BlockMeta> metasByMinTime, long range) {
    List<List<BlockMeta>> out = new ArrayList<>();
    int i = 0;
    while (i < metasByMinTime.size()) {
      BlockMeta m = metasByMinTime.get(i);
      long t0 = m.minTime() >= 0 ? range * (m.minTime() / range) : range * ((m.minTime() - range + 1) / range);
      if (m.maxTime() > t0 + range) {
        i++;
        continue;
      }
      List<BlockMeta> part = new ArrayList<>();
      while (i < metasByMinTime.size() && metasByMinTime.get(i).maxTime() <= t0 + range) {
        part.add(metasByMinTime.get(i));
        i++;
      }
      out.add(part);
    }
    return out;
  }

  private static boolean compactionFailed(BlockMeta m) {
    return m.document().get("compaction") instanceof Map<?, ?> c && Boolean.TRUE.equals(c.get("failed"));
  }
}
