package io.thanosjvm.compact.lifecycle;

import io.thanosjvm.block.BlockDeleter;
import io.thanosjvm.block.Markers;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.IterOptions;
import io.thanosjvm.tsdb.InvalidMetaException;
import io.thanosjvm.tsdb.Ulid;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Deletes aborted partial uploads: block directories without meta.json whose newest object was last modified
 * more than 48h ago ({@code PartialUploadThresholdAge}; when no modification time can be read, the ULID's time
 * is used). Blocks carrying a readable deletion mark are left to {@link DeletionCleaner} (they are deletions cut
 * short, due after the delete delay), and a block whose meta.json appeared in the meantime is never touched.
 */
public final class PartialUploadCleaner {

  /** Age after which a partial upload is assumed aborted. */
  public static final Duration THRESHOLD = Duration.ofHours(48);

  private final Bucket bucket;
  private final Markers markers;
  private final Clock clock;
  private final LifecycleListener listener;

  /** A cleaner over {@code bucket}. */
  public PartialUploadCleaner(Bucket bucket, Markers markers, Clock clock, LifecycleListener listener) {
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.markers = Objects.requireNonNull(markers, "markers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Deletes the aborted ones among {@code partialBlocks}; failures are reported and retried on the next run.
   *
   * @return the ULIDs deleted
   */
  public List<String> clean(Collection<String> partialBlocks) throws IOException {
    List<String> deleted = new ArrayList<>();
    long now = clock.millis();
    for (String id : partialBlocks) {
      if (!BlockMeta.isUlid(id) || hasReadableDeletionMark(id)) {
        continue;
      }
      if (now - newestModification(id) <= THRESHOLD.toMillis()) {
        continue;
      }
      if (bucket.exists(id + "/" + BlockMeta.FILE_NAME)) {
        continue;
      }
      listener.partialUploadDeletionAttempt(id);
      try {
        new BlockDeleter(bucket).delete(id);
      } catch (IOException | RuntimeException e) {
        listener.blockCleanupFailed(id, e);
        continue;
      }
      listener.blockCleaned(id);
      deleted.add(id);
    }
    return deleted;
  }

  private boolean hasReadableDeletionMark(String id) throws IOException {
    try {
      return markers.read(id, MarkerKind.DELETION).isPresent();
    } catch (InvalidMetaException e) {
      return false;
    }
  }

  /** Newest last-modified time of the block's objects (ms), or the ULID time when none can be read. */
  long newestModification(String id) {
    long[] newest = {Long.MIN_VALUE};
    try {
      List<String> names = new ArrayList<>();
      bucket.iter(id, names::add, IterOptions.allObjects());
      for (String name : names) {
        try {
          newest[0] = Math.max(newest[0], bucket.attributes(name).lastModified().toEpochMilli());
        } catch (IOException e) {
          // Deleted between listing and stat: it does not count.
        }
      }
    } catch (IOException e) {
      return Ulid.timestamp(id);
    }
    return newest[0] == Long.MIN_VALUE ? Ulid.timestamp(id) : newest[0];
  }
}
