package io.thanosjvm.compact;

import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.block.metadata.BlockFile;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Thanos' default compaction planner for one group: the pre-compaction overlap check (an overlap halts unless
 * vertical compaction is on), Prometheus' leveled selection ({@link TsdbPlanner}) skipping no-compact marked
 * blocks, the large-index guard and the refusal to vertically compact downsampled blocks (both answered with
 * new no-compact marks and a re-plan), and the guard against plans whose blocks share compaction sources.
 */
public final class Planner {

  /** Order of blocks in a group: min time, then ULID. */
  public static final Comparator<BlockMeta> BY_MIN_TIME =
      Comparator.comparingLong(BlockMeta::minTime).thenComparing(BlockMeta::ulid);

  private static final double INDEX_HEADROOM = 0.85;
  private static final String INDEX_FILE = "index";

  private final PlannerConfig config;
  private final TsdbPlanner tsdb;
  private final IndexSizes indexSizes;

  /**
   * A planner.
   *
   * @param config ranges, vertical compaction and index size limit
   * @param indexSizes index sizes of blocks whose meta.json does not list them (used only by the index guard)
   */
  public Planner(PlannerConfig config, IndexSizes indexSizes) {
    this.config = config;
    this.tsdb = new TsdbPlanner(config.ranges());
    this.indexSizes = indexSizes;
  }

  /**
   * Plans the next compaction of a group.
   *
   * @param group the group
   * @param noCompact ULIDs of blocks carrying a no-compact mark
   * @throws IOException when an index size has to be read and cannot be
   */
  public PlanResult plan(CompactionGroup group, Set<String> noCompact) throws IOException {
    return plan(group.key(), group.metasByMinTime(), noCompact);
  }

  /**
   * Plans the next compaction of one group's blocks.
   *
   * @param groupKey the group key, for messages
   * @param metas the group's blocks (any order)
   * @param noCompact ULIDs of blocks carrying a no-compact mark
   * @throws IOException when an index size has to be read and cannot be
   */
  public PlanResult plan(String groupKey, List<BlockMeta> metas, Set<String> noCompact) throws IOException {
    List<BlockMeta> sorted = new ArrayList<>(metas);
    sorted.sort(BY_MIN_TIME);
    if (!config.verticalCompaction()) {
      BlockMeta[] pair = firstOverlap(sorted);
      if (pair != null) {
        return new PlanResult.Halt(overlapHalt(groupKey, pair[0], pair[1]), List.of());
      }
    }
    Set<String> excluded = new HashSet<>(noCompact);
    List<NoCompactRequest> marks = new ArrayList<>();
    List<BlockMeta> plan;
    while (true) {
      plan = tsdb.plan(sorted, excluded);
      NoCompactRequest indexMark = indexSizeMark(plan);
      if (indexMark != null) {
        marks.add(indexMark);
        excluded.add(indexMark.blockId());
        continue;
      }
      List<NoCompactRequest> downsampledMarks = downsampledVerticalMarks(plan);
      if (downsampledMarks.isEmpty()) {
        break;
      }
      marks.addAll(downsampledMarks);
      downsampledMarks.forEach(m -> excluded.add(m.blockId()));
    }
    if (plan.isEmpty()) {
      return new PlanResult.Idle(marks);
    }
    HaltException sharedSources = sharedSourcesHalt(groupKey, plan);
    if (sharedSources != null) {
      return new PlanResult.Halt(sharedSources, marks);
    }
    return new PlanResult.Compact(plan, !TsdbPlanner.selectOverlapping(plan).isEmpty(), marks);
  }

  /** The first pair of overlapping blocks (the earlier-ending block seen so far and the next one), or null. */
  static BlockMeta[] firstOverlap(List<BlockMeta> sorted) {
    BlockMeta reach = null;
    for (BlockMeta m : sorted) {
      if (reach != null && m.minTime() < reach.maxTime()) {
        return new BlockMeta[] {reach, m};
      }
      if (reach == null || m.maxTime() > reach.maxTime()) {
        reach = m;
      }
    }
    return null;
  }

  private static HaltException overlapHalt(String groupKey, BlockMeta a, BlockMeta b) {
    return new HaltException("pre compaction overlap check: group " + groupKey + ": block " + describe(a)
        + " overlaps block " + describe(b) + "; enable vertical compaction (--" + FlagNames.COMPACT_ENABLE_VERTICAL_COMPACTION
        + " or --" + FlagNames.DEDUPLICATION_REPLICA_LABEL + ") to merge them, or mark the unwanted block for deletion",
        List.of(a.ulid(), b.ulid()));
  }

  private static String describe(BlockMeta m) {
    return m.ulid() + " [" + m.minTime() + ", " + m.maxTime() + ")";
  }

  private NoCompactRequest indexSizeMark(List<BlockMeta> plan) throws IOException {
    if (config.maxIndexSizeBytes() == 0) {
      return null;
    }
    long limit = (long) (config.maxIndexSizeBytes() * INDEX_HEADROOM);
    long total = 0;
    long biggest = Long.MIN_VALUE;
    BlockMeta biggestBlock = null;
    for (BlockMeta m : plan) {
      long size = indexSize(m);
      if (size > biggest) {
        biggest = size;
        biggestBlock = m;
      }
      total += size;
      if (total >= limit) {
        return new NoCompactRequest(biggestBlock.ulid(), NoCompactRequest.INDEX_SIZE_EXCEEDING,
            "largeTotalIndexSizeFilter: Total compacted block's index size could exceed: "
                + config.maxIndexSizeBytes() + " with this block. See https://github.com/thanos-io/thanos/issues/1424");
      }
    }
    return null;
  }

  private long indexSize(BlockMeta m) throws IOException {
    long size = -1;
    for (BlockFile f : m.thanos().map(ThanosMeta::files).orElse(List.of())) {
      if (f.relPath().equals(INDEX_FILE)) {
        size = f.sizeBytes();
      }
    }
    return size > 0 ? size : indexSizes.indexSizeBytes(m.ulid());
  }

  private static List<NoCompactRequest> downsampledVerticalMarks(List<BlockMeta> plan) {
    if (TsdbPlanner.selectOverlapping(plan).isEmpty()) {
      return List.of();
    }
    List<NoCompactRequest> out = new ArrayList<>();
    for (BlockMeta m : plan) {
      if (m.thanos().map(ThanosMeta::resolution).orElse(0L) != 0) {
        out.add(new NoCompactRequest(m.ulid(), NoCompactRequest.DOWNSAMPLE_VERTICAL_COMPACTION,
            "verticalCompactionDownsampleFilter: Downsampled block, see https://github.com/thanos-io/thanos/issues/6775"));
      }
    }
    return out;
  }

  private static HaltException sharedSourcesHalt(String groupKey, List<BlockMeta> plan) {
    Map<String, BlockMeta> owner = new HashMap<>();
    for (BlockMeta m : plan) {
      for (String source : m.sources()) {
        BlockMeta other = owner.putIfAbsent(source, m);
        if (other != null && other != m) {
          return new HaltException("overlapping sources detected for plan in group " + groupKey + ": blocks "
              + other.ulid() + " and " + m.ulid() + " both contain source block " + source
              + "; one of them is a leftover of an earlier compaction, mark it for deletion",
              List.of(other.ulid(), m.ulid()));
        }
      }
    }
    return null;
  }
}
