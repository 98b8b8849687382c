package io.thanosjvm.tools.bucket.verify;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.compact.GroupKey;
import io.thanosjvm.model.GoDuration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Overlapping blocks as Prometheus' {@code tsdb.OverlappingBlocks} finds them (blocks sorted by min time, runs of
 * blocks overlapping the pending ones grouped, each group keyed by the range all of it covers), per Thanos
 * compaction group ({@code <resolution>@<labels hash>}), and printed as Prometheus' {@code Overlaps.String()}.
 */
public final class Overlaps {

  /**
   * The critical time range of one overlap group: the latest min time and earliest max time of its blocks.
   *
   * @param min range start (ms)
   * @param max range end (ms)
   */
  public record Range(long min, long max) {}

  private Overlaps() {}

  /** The overlaps of each compaction group that has any, groups in key order, ranges by start. */
  public static Map<String, Map<Range, List<BlockMeta>>> byGroup(Collection<BlockMeta> metas) {
    Map<String, List<BlockMeta>> groups = new TreeMap<>();
    for (BlockMeta m : metas) {
      groups.computeIfAbsent(groupKey(m), k -> new ArrayList<>()).add(m);
    }
    Map<String, Map<Range, List<BlockMeta>>> out = new LinkedHashMap<>();
    groups.forEach((k, v) -> {
      Map<Range, List<BlockMeta>> o = of(v);
      if (!o.isEmpty()) {
        out.put(k, o);
      }
    });
    return out;
  }

  /** Thanos' compaction group key of a block. */
  public static String groupKey(BlockMeta m) {
    return GroupKey.of(m.thanos().map(ThanosMeta::resolution).orElse(0L),
        m.thanos().map(ThanosMeta::labels).orElse(Map.of()));
  }

  /** Prometheus' {@code OverlappingBlocks} over blocks of one group. */
  public static Map<Range, List<BlockMeta>> of(Collection<BlockMeta> blocks) {
    List<BlockMeta> bm = new ArrayList<>(blocks);
    bm.sort(Comparator.comparingLong(BlockMeta::minTime).thenComparing(BlockMeta::ulid));
    Map<Range, List<BlockMeta>> groups = new TreeMap<>(Comparator.comparingLong(Range::min)
        .thenComparingLong(Range::max));
    if (bm.size() <= 1) {
      return groups;
    }
    List<List<BlockMeta>> overlaps = new ArrayList<>();
    List<BlockMeta> pending = new ArrayList<>(List.of(bm.get(0)));
    boolean continuousPending = true;
    for (BlockMeta b : bm.subList(1, bm.size())) {
      List<BlockMeta> newPending = new ArrayList<>();
      for (BlockMeta p : pending) {
        if (b.minTime() >= p.maxTime()) {
          continuousPending = false;
          continue;
        }
        newPending.add(p);
      }
      pending = new ArrayList<>(newPending);
      pending.add(b);
      if (newPending.isEmpty()) {
        continue;
      }
      if (continuousPending && !overlaps.isEmpty()) {
        overlaps.get(overlaps.size() - 1).add(b);
        continue;
      }
      List<BlockMeta> group = new ArrayList<>(newPending);
      group.add(b);
      overlaps.add(group);
      continuousPending = true;
    }
    for (List<BlockMeta> o : overlaps) {
      long min = 0;
      long max = Long.MAX_VALUE;
      for (BlockMeta b : o) {
        max = Math.min(max, b.maxTime());
        min = Math.max(min, b.minTime());
      }
      groups.put(new Range(min, max), o);
    }
    return groups;
  }

  /** Prometheus' {@code Overlaps.String()}: one line per range. */
  public static String format(Map<Range, List<BlockMeta>> overlaps) {
    List<String> res = new ArrayList<>();
    overlaps.forEach((r, blocks) -> {
      List<String> groups = new ArrayList<>();
      for (BlockMeta m : blocks) {
        groups.add(describe(m));
      }
      res.add("[mint: " + r.min() + ", maxt: " + r.max() + ", range: " + seconds(r.max() - r.min()) + ", blocks: "
          + blocks.size() + "]: " + String.join(", ", groups));
    });
    return String.join("\n", res);
  }

  /** {@code <ulid: X, mint: N, maxt: N, range: 2h0m0s>}. */
  static String describe(BlockMeta m) {
    return "<ulid: " + m.ulid() + ", mint: " + m.minTime() + ", maxt: " + m.maxTime() + ", range: "
        + seconds(m.maxTime() - m.minTime()) + ">";
  }

  /** Go's {@code time.Duration(ms/1000)*time.Second} text. */
  static String seconds(long ms) {
    return GoDuration.format(ms / 1000 * 1000);
  }
}
