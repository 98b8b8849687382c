package io.thanosjvm.compact;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.compact.lifecycle.DownsamplePass;
import io.thanosjvm.compact.lifecycle.RetentionPolicy;
import io.thanosjvm.json.GoJson;
import io.thanosjvm.tsdb.Ulid;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Computes the compactor's to-do gauges from metas alone, as Thanos' progress calculators do: compactions are
 * simulated group by group by planning, replacing the planned blocks with one merged meta and planning again
 * until the group is idle (or would halt); downsampling counts the blocks a pass would pick; deletion counts the
 * blocks past their retention.
 */
final class CompactionProgress {

  private final Grouper grouper;
  private final Planner planner;
  private final RetentionPolicy retention;
  private final Ulid ulids = new Ulid(() -> java.time.Instant.ofEpochMilli(0), new SplittableRandom(0));

  /**
   * A calculator.
   *
   * @param config planner configuration; the index size guard is not simulated
   */
  CompactionProgress(Grouper grouper, PlannerConfig config, RetentionPolicy retention) {
    this.grouper = grouper;
    this.planner = new Planner(new PlannerConfig(config.ranges(), config.verticalCompaction(), 0),
        IndexSizes.UNAVAILABLE);
    this.retention = retention;
  }

  /** The to-do figures for these visible metas. */
  CompactorMetrics.Progress compute(Collection<BlockMeta> metas, Set<String> noCompact, Set<String> noDownsample,
      boolean downsampling) throws IOException {
    long runs = 0;
    long blocks = 0;
    for (CompactionGroup g : grouper.groups(metas)) {
      List<BlockMeta> current = new ArrayList<>(g.metasByMinTime());
      while (current.size() > 1) {
        PlanResult plan = planner.plan(g.key(), current, noCompact);
        if (!(plan instanceof PlanResult.Compact c)) {
          break;
        }
        runs++;
        blocks += c.blocks().size();
        current.removeAll(c.blocks());
        current.add(merged(c.blocks(), g));
      }
    }
    long downsample = downsampling ? DownsamplePass.candidates(metas, noDownsample).size() : 0;
    return new CompactorMetrics.Progress(runs, blocks, downsample, retention.expired(metas).size());
  }

  /** A meta standing for the compaction of {@code blocks}: their time span and the union of their sources. */
  private BlockMeta merged(List<BlockMeta> blocks, CompactionGroup g) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    Set<String> sources = new LinkedHashSet<>();
    for (BlockMeta b : blocks) {
      min = Math.min(min, b.minTime());
      max = Math.max(max, b.maxTime());
      sources.addAll(b.sources());
    }
    BlockMeta base = BlockMeta.create(ulids.next(), min, max, 0, 0, 0)
        .withThanos(ThanosMeta.create(g.labels(), g.resolution(), "compactor"));
    Map<String, Object> doc = base.document();
    @SuppressWarnings("unchecked")
    Map<String, Object> compaction = (Map<String, Object>) doc.get("compaction");
    compaction.put("sources", new ArrayList<Object>(new ArrayList<>(new HashSet<>(sources))));
    return BlockMeta.parse(GoJson.write(doc), "simulated");
  }
}
