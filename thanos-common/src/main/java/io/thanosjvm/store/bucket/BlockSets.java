package io.thanosjvm.store.bucket;

import io.thanosjvm.model.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the blocks that answer a time range at a maximum resolution window, per external-label set: the
 * coarsest resolution not above the window (tried 1h, 5m, raw), with the gaps it leaves filled recursively from
 * finer resolutions, as Thanos' store gateway does.
 */
public final class BlockSets {

  /** Resolutions in ms from coarsest to finest. */
  static final long[] RESOLUTIONS = {3_600_000L, 300_000L, 0L};

  private BlockSets() {}

  /**
   * The blocks to query for [mint, maxt] with resolution at most {@code maxResolutionWindow} ms.
   *
   * @param blocks candidate blocks, any order
   */
  public static List<BucketBlock> select(List<BucketBlock> blocks, long mint, long maxt, long maxResolutionWindow) {
    Map<Labels, List<BucketBlock>> sets = new LinkedHashMap<>();
    for (BucketBlock b : blocks) {
      sets.computeIfAbsent(b.externalLabels(), k -> new ArrayList<>()).add(b);
    }
    List<BucketBlock> out = new ArrayList<>();
    for (List<BucketBlock> set : sets.values()) {
      set.sort(Comparator.comparingLong((BucketBlock b) -> b.meta().minTime()).thenComparing(BucketBlock::id));
      int i = 0;
      while (i < RESOLUTIONS.length - 1 && RESOLUTIONS[i] > maxResolutionWindow) {
        i++;
      }
      selectInto(set, mint, maxt, i, out);
    }
    return out;
  }

  private static void selectInto(List<BucketBlock> set, long mint, long maxt, int level, List<BucketBlock> out) {
    if (mint > maxt) {
      return;
    }
    long res = RESOLUTIONS[level];
    boolean finest = level == RESOLUTIONS.length - 1;
    long covered = mint;
    for (BucketBlock b : set) {
      if (b.resolution() != res || !b.overlaps(mint, maxt)) {
        continue;
      }
      if (!finest && b.meta().minTime() > covered) {
        selectInto(set, covered, b.meta().minTime() - 1, level + 1, out);
      }
      out.add(b);
      covered = Math.max(covered, b.meta().maxTime());
    }
    if (!finest && covered <= maxt) {
      selectInto(set, covered, maxt, level + 1, out);
    }
  }
}
