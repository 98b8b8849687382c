package io.thanosjvm.block.fetcher;

import io.thanosjvm.block.Markers;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.Marker;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.tsdb.InvalidMetaException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds no-compact or no-downsample marks of the loaded blocks and counts them
 * ({@code marked-for-no-compact} / {@code marked-for-no-downsample}) without removing the blocks, as
 * Thanos' compactor filters do; {@link #marks()} lists them for planners. Unparsable marks are ignored.
 */
public final class MarkerReportFilter implements MetaFilter {

  private final Markers markers;
  private final MarkerKind kind;
  private volatile Map<String, Marker> lastMarks = Map.of();

  /** A filter reporting marks of {@code kind} (not {@link MarkerKind#DELETION}). */
  public MarkerReportFilter(Markers markers, MarkerKind kind) {
    this.markers = Objects.requireNonNull(markers, "markers");
    if (kind == MarkerKind.DELETION) {
      throw new IllegalArgumentException("deletion marks are handled by DeletionMarkFilter");
    }
    this.kind = kind;
  }

  @Override
  public void filter(Map<String, BlockMeta> metas, SyncCounts synced) throws IOException {
    Map<String, Marker> marks = new TreeMap<>();
    SyncState state = kind == MarkerKind.NO_COMPACT ? SyncState.MARKED_FOR_NO_COMPACT
        : SyncState.MARKED_FOR_NO_DOWNSAMPLE;
    for (String id : metas.keySet()) {
      Optional<Marker> mark;
      try {
        mark = markers.read(id, kind);
      } catch (InvalidMetaException e) {
        continue;
      }
      if (mark.isPresent()) {
        marks.put(id, mark.get());
        synced.inc(state);
      }
    }
    lastMarks = Map.copyOf(marks);
  }

  /** The marks found by the last run, by block ULID. */
  public Map<String, Marker> marks() {
    return lastMarks;
  }
}
