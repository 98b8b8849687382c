package io.thanosjvm.compact.lifecycle;

import io.thanosjvm.block.BlockDeleter;
import io.thanosjvm.block.Markers;
import io.thanosjvm.block.metadata.Marker;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.tsdb.InvalidMetaException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Deletes blocks whose deletion mark is older than {@code --delete-delay}, in Thanos' order ({@link
 * BlockDeleter}: meta.json first, so readers stop seeing the block before any other file goes; the mark last,
 * so a deletion cut short leaves a block without meta.json that still carries its mark). Such half-deleted
 * blocks are listed by the fetcher as partial; this cleaner deletes them too when their mark is old enough,
 * which finishes an interrupted deletion on the next run.
 */
public final class DeletionCleaner {

  private final Bucket bucket;
  private final Markers markers;
  private final Duration deleteDelay;
  private final Clock clock;
  private final LifecycleListener listener;

  /**
   * A cleaner.
   *
   * @param deleteDelay age a deletion mark must exceed
   */
  public DeletionCleaner(Bucket bucket, Markers markers, Duration deleteDelay, Clock clock,
      LifecycleListener listener) {
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.markers = Objects.requireNonNull(markers, "markers");
    this.deleteDelay = Objects.requireNonNull(deleteDelay, "deleteDelay");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Deletes the due blocks.
   *
   * @param marksOfLoadedBlocks deletion marks of blocks with a meta.json (from the fetcher's deletion mark filter)
   * @param partialBlocks ULIDs of block directories without a readable meta.json
   * @return the ULIDs deleted
   * @throws IOException the first failed deletion (as Thanos, the run stops there and is retried later)
   */
  public List<String> clean(Map<String, Marker> marksOfLoadedBlocks, Collection<String> partialBlocks)
      throws IOException {
    Map<String, Marker> marks = new TreeMap<>(marksOfLoadedBlocks);
    for (String id : partialBlocks) {
      if (marks.containsKey(id)) {
        continue;
      }
      Optional<Marker> mark;
      try {
        mark = markers.read(id, MarkerKind.DELETION);
      } catch (InvalidMetaException e) {
        continue;
      }
      mark.ifPresent(m -> marks.put(id, m));
    }
    List<String> deleted = new ArrayList<>();
    long now = clock.millis();
    for (Marker m : marks.values()) {
      if ((now - m.timeSeconds() * 1000L) <= deleteDelay.toMillis()) {
        continue;
      }
      try {
        new BlockDeleter(bucket).delete(m.id());
      } catch (IOException | RuntimeException e) {
        listener.blockCleanupFailed(m.id(), e);
        throw e instanceof IOException io ? io : new IOException("delete block " + m.id(), e);
      }
      listener.blockCleaned(m.id());
      deleted.add(m.id());
    }
    return deleted;
  }
}
