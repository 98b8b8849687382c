package io.thanosjvm.block.fetcher;

import io.thanosjvm.block.Markers;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.Marker;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.tsdb.InvalidMetaException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Hides blocks whose deletion mark is older than a delay ({@code marked-for-deletion}); younger marks
 * leave the block visible; a zero delay hides every marked block. A marker that does not parse is treated
 * as partly uploaded and ignored.
 * {@link #deletionMarks()} holds every mark seen in the last run. Marks are read with bounded concurrency (one
 * request per block: at thousands of blocks in an object store, one after the other would take minutes).
 */
public final class DeletionMarkFilter implements MetaFilter {

  private final Markers markers;
  private final Duration delay;
  private final Clock clock;
  private final int concurrency;
  private volatile Map<String, Marker> lastMarks = Map.of();

  /** A filter reading marks with {@code markers}, hiding blocks marked more than {@code delay} ago. */
  public DeletionMarkFilter(Markers markers, Duration delay, Clock clock) {
    this(markers, delay, clock, 1);
  }

  /**
   * A filter reading up to {@code concurrency} marks at once ({@code --block-meta-fetch-concurrency}, as Thanos'
   * filter does).
   */
  public DeletionMarkFilter(Markers markers, Duration delay, Clock clock, int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be positive: " + concurrency);
    }
    this.concurrency = concurrency;
    this.markers = Objects.requireNonNull(markers, "markers");
    this.delay = Objects.requireNonNull(delay, "delay");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void filter(Map<String, BlockMeta> metas, SyncCounts synced) throws IOException {
    Map<String, Marker> marks = new TreeMap<>();
    long now = clock.millis();
    String[] ids = metas.keySet().toArray(String[]::new);
    List<Optional<Marker>> read = readAll(ids);
    for (int i = 0; i < ids.length; i++) {
      String id = ids[i];
      Optional<Marker> mark = read.get(i);
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

  /** The deletion mark of each block in order (empty when absent or unparsable). */
  private List<Optional<Marker>> readAll(String[] ids) throws IOException {
    List<Optional<Marker>> out = new ArrayList<>(ids.length);
    if (concurrency == 1 || ids.length < 2) {
      for (String id : ids) {
        out.add(read(id));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, ids.length), r -> {
      Thread t = new Thread(r, "deletion-mark-filter");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Optional<Marker>>> futures = new ArrayList<>(ids.length);
      for (String id : ids) {
        futures.add(pool.submit(() -> read(id)));
      }
      for (Future<Optional<Marker>> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading deletion marks", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("reading deletion marks failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private Optional<Marker> read(String id) throws IOException {
    try {
      return markers.read(id, MarkerKind.DELETION);
    } catch (InvalidMetaException e) {
      return Optional.empty();
    }
  }

  /** The deletion marks found by the last run, by block ULID. */
  public Map<String, Marker> deletionMarks() {
    return lastMarks;
  }
}
