package io.thanosjvm.block.fetcher;

import io.thanosjvm.block.metadata.BlockMeta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes blocks whose {@code compaction.sources} are all contained in the sources of one other block of
 * the same resolution ({@code duplicate}): a compacted block supersedes its inputs once both are visible.
 * Blocks with identical sources keep the one with the smallest ULID.
 */
public final class DeduplicateFilter implements MetaFilter {

  @Override
  public void filter(Map<String, BlockMeta> metas, SyncCounts synced) {
    Map<Long, List<BlockMeta>> byResolution = new HashMap<>();
    for (BlockMeta m : metas.values()) {
      long res = m.thanos().map(t -> t.resolution()).orElse(0L);
      byResolution.computeIfAbsent(res, k -> new ArrayList<>()).add(m);
    }
    for (List<BlockMeta> group : byResolution.values()) {
      group.sort(Comparator.comparingInt((BlockMeta m) -> -m.sources().size()).thenComparing(BlockMeta::ulid));
      Map<String, List<Set<String>>> keptBySource = new HashMap<>();
      for (BlockMeta m : group) {
        Set<String> sources = new HashSet<>(m.sources());
        if (sources.isEmpty()) {
          continue;
        }
        String first = sources.iterator().next();
        boolean covered = keptBySource.getOrDefault(first, List.of()).stream().anyMatch(k -> k.containsAll(sources));
        if (covered) {
          metas.remove(m.ulid());
          synced.inc(SyncState.DUPLICATE);
        } else {
          for (String s : sources) {
            keptBySource.computeIfAbsent(s, k -> new ArrayList<>()).add(sources);
          }
        }
      }
    }
  }
}
