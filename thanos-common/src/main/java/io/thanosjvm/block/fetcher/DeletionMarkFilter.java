package io.thanosjvm.block.fetcher;

import io.thanosjvm.block.Markers;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.Marker;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.tsdb.InvalidMetaException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Hides blocks whose deletion mark is older than a delay ({@code marked-for-deletion}); younger marks
 * leave the block visible; a zero delay hides every marked block. A marker that does not parse is treated
 * as partly uploaded and ignored.
 * {@link #deletionMarks()} holds every mark seen in the last run.
 */
public final class DeletionMarkFilter implements MetaFilter {

  private final Markers markers;
  private final Duration delay;
  private final Clock clock;
  private volatile Map<String, Marker> lastMarks = Map.of();

  /** A filter reading marks with {@code markers}, hiding blocks marked more than {@code delay} ago. */
  public DeletionMarkFilter(Markers markers, Duration delay, Clock clock) {
    this.markers = Objects.requireNonNull(markers, "markers");
    this.delay = Objects.requireNonNull(delay, "delay");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void filter(Map<String, BlockMeta> metas, SyncCounts synced) throws IOException {
    Map<String, Marker> marks = new TreeMap<>();
    long now = clock.millis();
    for (String id : metas.keySet().toArray(String[]::new)) {
      Optional<Marker> mark;
      try {
        mark = markers.read(id, MarkerKind.DELETION);
      } catch (InvalidMetaException e) {
        continue;
      }
      if (mark.isEmpty()) {
        continue;
      }
      marks.put(id, mark.get());
      if (delay.isZero() || now - mark.get().timeSeconds() * 1000 > delay.toMillis()) {
        metas.remove(id);
        synced.inc(SyncState.MARKED_FOR_DELETION);
      }
    }
    lastMarks = Map.copyOf(marks);
  }

  /** The deletion marks found by the last run, by block ULID. */
  public Map<String, Marker> deletionMarks() {
    return lastMarks;
  }
}
