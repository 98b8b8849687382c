package io.thanosjvm.compact.lifecycle;

import io.thanosjvm.block.Markers;
import io.thanosjvm.block.fetcher.DeduplicateFilter;
import io.thanosjvm.block.fetcher.MetaFilter;
import io.thanosjvm.block.fetcher.SyncCounts;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.MarkerKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The compactor's garbage collection: as a fetcher filter it applies {@link DeduplicateFilter} (blocks whose
 * sources another block of the same resolution covers are hidden) and remembers which blocks it hid; {@link
 * #collect} then marks those blocks for deletion ("outdated block"), skipping blocks already marked. This is how
 * a compaction interrupted after its upload but before marking its sources is finished on the next run.
 */
public final class DuplicateCollector implements MetaFilter {

  private final DeduplicateFilter delegate = new DeduplicateFilter();
  private volatile Set<String> lastDuplicates = Set.of();

  @Override
  public void filter(Map<String, BlockMeta> metas, SyncCounts synced) throws IOException {
    Set<String> before = new HashSet<>(metas.keySet());
    delegate.filter(metas, synced);
    before.removeAll(metas.keySet());
    lastDuplicates = Set.copyOf(new TreeSet<>(before));
  }

  /** The blocks hidden as duplicates by the last fetch. */
  public Set<String> duplicates() {
    return lastDuplicates;
  }

  /**
   * Marks the duplicates of the last fetch for deletion.
   *
   * @param duplicates ULIDs to mark (normally {@link #duplicates()} of the same fetch)
   * @param alreadyMarked ULIDs that already carry a deletion mark
   * @return the ULIDs newly marked
   * @throws IOException when a mark cannot be written (the others are not tried, as in Thanos)
   */
  public List<String> collect(Collection<String> duplicates, Set<String> alreadyMarked, Markers markers,
      LifecycleListener listener) throws IOException {
    Objects.requireNonNull(markers, "markers");
    List<String> marked = new ArrayList<>();
    for (String id : new TreeSet<>(duplicates)) {
      if (alreadyMarked.contains(id)) {
        continue;
      }
      if (markers.mark(id, MarkerKind.DELETION, "outdated block", null)) {
        listener.blockMarked(id, MarkerKind.DELETION, "");
        marked.add(id);
      }
    }
    return marked;
  }
}
