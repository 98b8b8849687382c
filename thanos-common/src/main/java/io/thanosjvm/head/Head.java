package io.thanosjvm.head;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.tsdb.ChunkSeriesIterator;
import io.thanosjvm.tsdb.Tombstones;
import io.thanosjvm.tsdb.chunkenc.ChunkEncoding;
import io.thanosjvm.tsdb.chunks.Chunk;
import io.thanosjvm.tsdb.index.ChunkMeta;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory head of a TSDB, as Prometheus 2.42's {@code tsdb.Head}: series by labels with stable refs handed
 * out from 1 upwards, per-series XOR chunks cut by Prometheus' rules, an inverted index for matchers, appender
 * transactions ({@link #appender()}) whose samples become visible only at commit, after the commit was logged
 * ({@link HeadLog}), and truncation that drops old chunks and garbage-collects series left without any.
 *
 * <p>Thread-safe: appenders run from many threads (one lock per series, held for a few instructions); readers copy
 * a series' chunks under its lock and then iterate without locks. A reader may see one commit half applied (other
 * series of a commit still being applied); it never sees samples of an uncommitted or rolled-back transaction.
 */
public final class Head {

  private final HeadOptions options;
  private final InstantSource clock;
  private final HeadLog log;
  private final HeadMetrics metrics;
  private final ConcurrentHashMap<Labels, MemSeries> byLabels = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, MemSeries> byRef = new ConcurrentHashMap<>();
  private final MemPostings postings = new MemPostings();
  private final ConcurrentHashMap<Long, List<Tombstones.Interval>> tombstones = new ConcurrentHashMap<>();
  private final AtomicLong lastRef = new AtomicLong();
  private final AtomicLong minT = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong maxT = new AtomicLong(Long.MIN_VALUE);
  private volatile long minValidTime = Long.MIN_VALUE;
  private volatile Runnable afterCommit = () -> { };

  /**
   * Creates an empty head.
   *
   * @param options chunk range and time windows
   * @param clock the time source for the too-far-in-future window
   * @param registry where the {@code prometheus_tsdb_head_*} meters go
   * @param log where commits are logged before they become visible
   */
  public Head(HeadOptions options, InstantSource clock, MeterRegistry registry, HeadLog log) {
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = Objects.requireNonNull(log, "log");
    this.metrics = new HeadMetrics(registry, this);
  }

  long minTimeMetric() {
    long t = minT.get();
    return t == Long.MAX_VALUE ? Long.MIN_VALUE : t;
  }

  long maxTimeMetric() {
    return maxT.get();
  }

  /** The options. */
  public HeadOptions options() {
    return options;
  }

  HeadMetrics metrics() {
    return metrics;
  }

  HeadLog log() {
    return log;
  }

  InstantSource clock() {
    return clock;
  }

  /** Starts a transaction. Not thread-safe itself: one appender per thread. */
  public HeadAppender appender() {
    return new HeadAppender(this);
  }

  /** Smallest timestamp in the head, {@code Long.MAX_VALUE} when empty. */
  public long minTime() {
    return minT.get();
  }

  /** Largest timestamp in the head, {@code Long.MIN_VALUE} when empty. */
  public long maxTime() {
    return maxT.get();
  }

  /** Number of series. */
  public int numSeries() {
    return byLabels.size();
  }

  /** Number of chunks (open ones included). */
  public long numChunks() {
    return metrics.chunks.get();
  }

  /** The lowest timestamp an appender accepts regardless of the head's max time (the last block's max time). */
  public long minValidTime() {
    return minValidTime;
  }

  /** Sets the lowest appendable time, e.g. the max time of the newest block at open. */
  public void setMinValidTime(long t) {
    minValidTime = Math.max(minValidTime, t);
  }

  /** Prometheus' {@code appendableMinValidTime}: max(minValidTime, maxt - chunkRange/2). */
  long appendableMinValidTime() {
    long max = maxT.get();
    if (max == Long.MIN_VALUE) {
      return minValidTime;
    }
    return Math.max(minValidTime, max - options.chunkRange() / 2);
  }

  /** The series with these labels, created when missing, marked as pending; {@code created[0]} tells. */
  MemSeries getOrCreatePending(Labels labels, boolean[] created) {
    created[0] = false;
    return byLabels.compute(labels, (l, s) -> {
      if (s == null) {
        long ref = lastRef.incrementAndGet();
        Labels interned = postings.add(ref, l);
        s = new MemSeries(ref, interned);
        byRef.put(ref, s);
        metrics.seriesCreated.increment();
        created[0] = true;
      }
      s.tryPending();
      return s;
    });
  }

  /** The series with this ref marked as pending, or null when unknown or garbage-collected. */
  MemSeries getPending(long ref) {
    MemSeries s = byRef.get(ref);
    if (s == null || !s.tryPending()) {
      return null;
    }
    return s;
  }

  void setAfterCommit(Runnable r) {
    afterCommit = Objects.requireNonNull(r);
  }

  Runnable afterCommit() {
    return afterCommit;
  }

  /** Widens the head's time bounds after a commit. */
  void updateBounds(long mint, long maxt) {
    long cur;
    while (mint < (cur = minT.get())) {
      if (minT.compareAndSet(cur, mint)) {
        break;
      }
    }
    while (maxt > (cur = maxT.get())) {
      if (maxT.compareAndSet(cur, maxt)) {
        break;
      }
    }
  }

  // ---- replay ----

  /**
   * Restores a series from a WAL Series record with its original ref. A second record with the same labels and
   * another ref maps that ref to the existing series (Prometheus' multi-ref handling).
   */
  public void replaySeries(long ref, Labels labels) {
    MemSeries s = byLabels.computeIfAbsent(labels, l -> {
      Labels interned = postings.add(ref, l);
      MemSeries m = new MemSeries(ref, interned);
      metrics.seriesCreated.increment();
      return m;
    });
    s.walLogged = true;
    byRef.putIfAbsent(ref, s);
    lastRef.accumulateAndGet(ref, Math::max);
  }

  /**
   * Replays one WAL sample; false (and nothing changes) when the ref is unknown, the sample is below the min
   * valid time or not after the series' last sample.
   */
  public boolean replaySample(long ref, long t, double v) {
    MemSeries s = byRef.get(ref);
    if (s == null) {
      return false;
    }
    if (t < minValidTime) {
      return true;
    }
    int r = s.append(t, v, options.chunkRange());
    if (r < 0) {
      return true;
    }
    if (r > 0) {
      metrics.chunks.incrementAndGet();
      metrics.chunksCreated.increment();
    }
    metrics.samplesAppended.increment();
    updateBounds(t, t);
    return true;
  }

  /** Whether the head knows the ref. */
  public boolean hasRef(long ref) {
    return byRef.containsKey(ref);
  }

  /** Adds a deleted interval (closed) for a series, as a WAL Tombstones record does. */
  public void addTombstone(long ref, long mint, long maxt) {
    tombstones.merge(ref, List.of(new Tombstones.Interval(mint, maxt)), (a, b) -> {
      List<Tombstones.Interval> l = new ArrayList<>(a);
      l.addAll(b);
      return List.copyOf(l);
    });
  }

  // ---- reading ----

  /** Refs of the series selected by the matchers. */
  long[] selectRefs(List<Matcher> matchers) {
    return postings.select(matchers);
  }

  /**
   * The series matching every matcher with samples in [mint, maxt], sorted by labels. Iterators copy the
   * series' chunks when created.
   */
  public List<StoredSeries> select(long mint, long maxt, List<Matcher> matchers) {
    long[] refs = postings.select(matchers);
    List<MemSeries> found = new ArrayList<>(refs.length);
    for (long r : refs) {
      MemSeries s = byRef.get(r);
      if (s != null && s.ref == r && s.numChunks() > 0) {
        found.add(s);
      }
    }
    found.sort((a, b) -> a.labels.compareTo(b.labels));
    List<StoredSeries> out = new ArrayList<>(found.size());
    for (MemSeries s : found) {
      MemSeries.ChunkSnapshot snap = s.snapshot(mint, maxt);
      if (snap.n() == 0) {
        continue;
      }
      List<Tombstones.Interval> deleted = tombstones.getOrDefault(s.ref, List.of());
      out.add(new HeadSeries(s.labels, s, mint, maxt, deleted));
    }
    return out;
  }

  /** Sorted label names of the head's series. */
  public List<String> labelNames() {
    return postings.labelNames();
  }

  /** Sorted values of a label in the head's series. */
  public List<String> labelValues(String name) {
    return postings.labelValues(name);
  }

  /** Every live series with its ref (for checkpoints and block cutting), in no particular order. */
  public List<RefSeries> series() {
    List<RefSeries> l = new ArrayList<>(byLabels.size());
    for (MemSeries s : byLabels.values()) {
      l.add(new RefSeries(s.ref, s.labels));
    }
    return l;
  }

  /** Chunks of one series in [mint, maxt] as XOR bytes with their time bounds. */
  MemSeries.ChunkSnapshot chunks(long ref, long mint, long maxt) {
    MemSeries s = byRef.get(ref);
    return s == null ? new MemSeries.ChunkSnapshot(new byte[0][], new long[0], 0) : s.snapshot(mint, maxt);
  }

  /** Tombstones of one series. */
  List<Tombstones.Interval> tombstones(long ref) {
    return tombstones.getOrDefault(ref, List.of());
  }

  // ---- truncation ----

  /**
   * Truncates the head's memory below {@code mint} (Prometheus' {@code truncateMemory}): the min time and min
   * valid time become {@code mint}, chunks ending before it are dropped and series left without chunks removed.
   * Returns the number of series removed.
   */
  public int truncateMemory(long mint) {
    metrics.truncations.increment();
    setMinValidTime(mint);
    long cur;
    while ((cur = minT.get()) < mint || cur == Long.MAX_VALUE) {
      if (minT.compareAndSet(cur, mint)) {
        break;
      }
    }
    Map<Long, Labels> deleted = new HashMap<>();
    for (MemSeries s : byLabels.values()) {
      int dropped = s.truncateBefore(mint);
      if (dropped > 0) {
        metrics.chunks.addAndGet(-dropped);
        metrics.chunksRemoved.increment(dropped);
      }
      if (s.collectable()) {
        boolean[] removed = {false};
        byLabels.computeIfPresent(s.labels, (l, x) -> {
          if (x == s && s.markDeletedIfCollectable()) {
            removed[0] = true;
            return null;
          }
          return x;
        });
        if (removed[0]) {
          deleted.put(s.ref, s.labels);
        }
      }
    }
    if (!deleted.isEmpty()) {
      byRef.values().removeIf(s -> deleted.containsKey(s.ref));
      tombstones.keySet().removeIf(deleted::containsKey);
      postings.delete(deleted);
      metrics.seriesRemoved.increment(deleted.size());
    }
    return deleted.size();
  }

  /** A head series selected for [mint, maxt]. */
  private record HeadSeries(Labels labels, MemSeries series, long mint, long maxt,
      List<Tombstones.Interval> deleted) implements StoredSeries {

    /** The snapshot's chunks read as a block's: in range, without the deleted intervals. */
    @Override
    public SampleIterator iterator() {
      MemSeries.ChunkSnapshot snap = series.snapshot(mint, maxt);
      List<ChunkMeta> metas = new ArrayList<>(snap.n());
      for (int i = 0; i < snap.n(); i++) {
        metas.add(new ChunkMeta(snap.times()[2 * i], snap.times()[2 * i + 1], i));
      }
      return new ChunkSeriesIterator((i, m) -> new Chunk(ChunkEncoding.XOR, snap.data()[i]), metas, mint, maxt,
          deleted, null);
    }
  }
}
