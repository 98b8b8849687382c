package io.thanosjvm.compact;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Thanos' default grouper: puts blocks with the same downsampling resolution and the same external labels into
 * one {@link CompactionGroup}. The configured deduplication replica labels
 * ({@code --deduplication.replica-label}) are removed first, so replicas of one source share a group and get
 * vertically compacted; a block left without labels gets {@code <first replica label>="deduped"}.
 */
public final class Grouper {

  /** Value given to the first replica label when removing replica labels leaves a block without labels. */
  public static final String DEDUPED_VALUE = "deduped";

  private final List<String> replicaLabels;

  /**
   * A grouper removing the given replica labels.
   *
   * @param replicaLabels deduplication replica label names (may be empty)
   */
  public Grouper(List<String> replicaLabels) {
    this.replicaLabels = List.copyOf(replicaLabels);
  }

  /** Groups the metas; groups come sorted by key, each group's blocks by min time. */
  public List<CompactionGroup> groups(Collection<BlockMeta> metas) {
    Map<String, List<BlockMeta>> byKey = new TreeMap<>();
    Map<String, Map<String, String>> labelsByKey = new TreeMap<>();
    Map<String, Long> resolutionByKey = new TreeMap<>();
    for (BlockMeta meta : metas) {
      Map<String, String> labels = groupLabels(meta);
      long resolution = meta.thanos().map(ThanosMeta::resolution).orElse(0L);
      String key = GroupKey.of(resolution, labels);
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(meta);
      labelsByKey.putIfAbsent(key, labels);
      resolutionByKey.putIfAbsent(key, resolution);
    }
    List<CompactionGroup> out = new ArrayList<>(byKey.size());
    byKey.forEach((key, blocks) -> {
      blocks.sort(Planner.BY_MIN_TIME);
      out.add(new CompactionGroup(key, resolutionByKey.get(key), labelsByKey.get(key), blocks));
    });
    return out;
  }

  /** The external labels a block is grouped by: its own minus the replica labels. */
  public Map<String, String> groupLabels(BlockMeta meta) {
    Map<String, String> labels = new TreeMap<>(meta.thanos().map(ThanosMeta::labels).orElse(Map.of()));
    if (replicaLabels.isEmpty()) {
      return labels;
    }
    replicaLabels.forEach(labels::remove);
    if (labels.isEmpty()) {
      labels.put(replicaLabels.get(0), DEDUPED_VALUE);
    }
    return labels;
  }

  /** Whether two blocks belong to the same group. */
  public boolean sameGroup(BlockMeta a, BlockMeta b) {
    return groupKey(a).equals(groupKey(b));
  }

  /** The key of the group a block belongs to. */
  public String groupKey(BlockMeta meta) {
    return GroupKey.of(meta.thanos().map(ThanosMeta::resolution).orElse(0L), groupLabels(meta));
  }
}
