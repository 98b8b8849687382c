package io.thanosjvm.head;

import io.thanosjvm.model.Labels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * One transaction on the {@link Head}, as Prometheus' {@code headAppender}: {@link #append} validates a sample
 * against the committed state (throwing {@link AppendException} with Prometheus' texts) and buffers it;
 * {@link #commit()} logs new series and the samples, then makes them visible; {@link #rollback()} drops them.
 * Series are created in the head at {@link #append} time and stay even on rollback (empty series are
 * garbage-collected at the next truncation). Not thread-safe: one appender per thread.
 */
public final class HeadAppender {

  private final Head head;
  private final long minValidTime;
  private final long headMaxT;
  private final long oooWindow;
  private final long futureLimit;
  private final List<MemSeries> created = new ArrayList<>();
  private MemSeries[] series = new MemSeries[64];
  private long[] refs = new long[64];
  private long[] ts = new long[64];
  private double[] vs = new double[64];
  private int n;
  private boolean done;
  private final boolean[] createdFlag = new boolean[1];

  HeadAppender(Head head) {
    this.head = head;
    this.minValidTime = head.appendableMinValidTime();
    this.headMaxT = head.maxTime();
    this.oooWindow = head.options().outOfOrderWindow();
    long window = head.options().tooFarInFutureWindow();
    this.futureLimit = window == 0 ? Long.MAX_VALUE : head.clock().millis() + window;
  }

  /**
   * Appends a sample to the series with these labels (created when new); returns the series ref for
   * {@link #append(long, long, double)}.
   *
   * @throws AppendException when the head refuses the sample
   */
  public long append(Labels labels, long t, double v) {
    checkOpen();
    if (labels.isEmpty()) {
      throw new AppendException(AppendError.EMPTY_LABELS);
    }
    preCheck(t);
    MemSeries s = head.getOrCreatePending(labels, createdFlag);
    if (createdFlag[0]) {
      created.add(s);
    }
    return add(s, t, v);
  }

  /**
   * Appends a sample to the series with this ref (as returned by an earlier append).
   *
   * @throws AppendException when the head refuses the sample or does not know the ref
   */
  public long append(long ref, long t, double v) {
    checkOpen();
    preCheck(t);
    MemSeries s = head.getPending(ref);
    if (s == null) {
      head.metrics().seriesNotFound.increment();
      throw new AppendException(AppendError.UNKNOWN_SERIES);
    }
    return add(s, t, v);
  }

  private void preCheck(long t) {
    if (t > futureLimit) {
      head.metrics().outOfBoundSamples.increment();
      throw new AppendException(AppendError.TOO_FAR_IN_FUTURE);
    }
    if (oooWindow == 0 && t < minValidTime) {
      head.metrics().outOfBoundSamples.increment();
      throw new AppendException(AppendError.OUT_OF_BOUNDS);
    }
  }

  private long add(MemSeries s, long t, double v) {
    int r = s.appendable(t, v, headMaxT, minValidTime, oooWindow);
    if (r != MemSeries.OK) {
      s.donePending();
      if (r == MemSeries.DUPLICATE_NOOP) {
        return s.ref;
      }
      AppendError e = AppendError.values()[-1 - r];
      if (e == AppendError.OUT_OF_ORDER) {
        head.metrics().outOfOrderSamples.increment();
      } else if (e == AppendError.TOO_OLD) {
        head.metrics().tooOldSamples.increment();
      } else if (e == AppendError.OUT_OF_BOUNDS) {
        head.metrics().outOfBoundSamples.increment();
      }
      throw new AppendException(e);
    }
    if (n == ts.length) {
      int cap = n * 2;
      series = Arrays.copyOf(series, cap);
      refs = Arrays.copyOf(refs, cap);
      ts = Arrays.copyOf(ts, cap);
      vs = Arrays.copyOf(vs, cap);
    }
    series[n] = s;
    refs[n] = s.ref;
    ts[n] = t;
    vs[n] = v;
    n++;
    return s.ref;
  }

  /** Samples buffered so far. */
  public int pending() {
    return n;
  }

  /**
   * Logs the new series and the samples, then makes the samples visible. A sample that another commit made out
   * of order meanwhile is dropped and counted, as in Prometheus.
   *
   * @throws UncheckedIOException when logging failed; nothing of this transaction becomes visible then
   */
  public void commit() {
    checkOpen();
    done = true;
    try {
      logCommit();
    } catch (IOException e) {
      release();
      throw new UncheckedIOException("log commit", e);
    }
    long chunkRange = head.options().chunkRange();
    HeadMetrics m = head.metrics();
    long mint = Long.MAX_VALUE;
    long maxt = Long.MIN_VALUE;
    int appended = 0;
    int chunks = 0;
    for (int i = 0; i < n; i++) {
      MemSeries s = series[i];
      int r = s.append(ts[i], vs[i], chunkRange);
      s.donePending();
      series[i] = null;
      if (r < 0) {
        m.outOfOrderSamples.increment();
        continue;
      }
      chunks += r;
      appended++;
      mint = Math.min(mint, ts[i]);
      maxt = Math.max(maxt, ts[i]);
    }
    if (appended > 0) {
      m.samplesAppended.increment(appended);
      head.updateBounds(mint, maxt);
      head.afterCommit().run();
    }
    if (chunks > 0) {
      m.chunks.addAndGet(chunks);
      m.chunksCreated.increment(chunks);
    }
    n = 0;
  }

  private void logCommit() throws IOException {
    List<RefSeries> records = new ArrayList<>();
    IdentityHashMap<MemSeries, Boolean> seen = null;
    for (MemSeries s : created) {
      if (!s.walLogged) {
        if (seen == null) {
          seen = new IdentityHashMap<>();
        }
        if (seen.put(s, Boolean.TRUE) == null) {
          records.add(new RefSeries(s.ref, s.labels));
        }
      }
    }
    for (int i = 0; i < n; i++) {
      MemSeries s = series[i];
      if (!s.walLogged) {
        // created by another, uncommitted appender: log it here so that this commit replays on its own
        if (seen == null) {
          seen = new IdentityHashMap<>();
        }
        if (seen.put(s, Boolean.TRUE) == null) {
          records.add(new RefSeries(s.ref, s.labels));
        }
      }
    }
    if (records.isEmpty() && n == 0) {
      return;
    }
    head.log().logCommit(records, refs, ts, vs, n);
    if (seen != null) {
      for (MemSeries s : seen.keySet()) {
        s.walLogged = true;
      }
    }
  }

  /**
   * Drops the buffered samples. Series this appender created are still logged, as Prometheus does, since they
   * exist in the head.
   */
  public void rollback() {
    checkOpen();
    done = true;
    release();
    n = 0;
    try {
      List<RefSeries> records = new ArrayList<>();
      for (MemSeries s : created) {
        if (!s.walLogged) {
          records.add(new RefSeries(s.ref, s.labels));
        }
      }
      if (!records.isEmpty()) {
        head.log().logCommit(records, refs, ts, vs, 0);
        for (MemSeries s : created) {
          s.walLogged = true;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("log rollback", e);
    }
  }

  private void release() {
    for (int i = 0; i < n; i++) {
      series[i].donePending();
      series[i] = null;
    }
  }

  private void checkOpen() {
    if (done) {
      throw new IllegalStateException("appender already committed or rolled back");
    }
  }
}
