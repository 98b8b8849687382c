package io.thanosjvm.compact;

import io.thanosjvm.block.metadata.BlockMeta;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Blocks that may be compacted with each other: same downsampling resolution and same external labels (after
 * removing replica labels).
 *
 * @param key Thanos group key {@code <resolution>@<labels hash>}, see {@link GroupKey}
 * @param resolution downsampling resolution in milliseconds
 * @param labels the group's external labels, sorted by name
 * @param metasByMinTime the group's blocks ordered by min time (ties by ULID)
 */
public record CompactionGroup(String key, long resolution, Map<String, String> labels,
    List<BlockMeta> metasByMinTime) {

  /** Validates the group and freezes its collections. */
  public CompactionGroup {
    Objects.requireNonNull(key, "key");
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    metasByMinTime = List.copyOf(metasByMinTime);
    if (resolution < 0) {
      throw new IllegalArgumentException("negative resolution " + resolution);
    }
    if (!key.equals(GroupKey.of(resolution, labels))) {
      throw new IllegalArgumentException("group key " + key + " does not match resolution and labels");
    }
    for (int i = 1; i < metasByMinTime.size(); i++) {
      if (Planner.BY_MIN_TIME.compare(metasByMinTime.get(i - 1), metasByMinTime.get(i)) > 0) {
        throw new IllegalArgumentException("group " + key + " blocks are not ordered by min time");
      }
    }
  }
}
