package io.thanosjvm.head;

import io.thanosjvm.model.Labels;
import io.thanosjvm.tsdb.chunkenc.XorChunkWriter;
import java.util.Arrays;

/**
 * One head series: its ref and labels, the closed (full) XOR chunks as trimmed byte arrays and the open chunk
 * being appended, cut by Prometheus 2.42's rules ({@code memSeries.appendPreprocessor}). Every method that reads
 * or changes chunk state is synchronized on the series; closed chunk arrays are immutable once published, so
 * readers copy only the open chunk.
 */
final class MemSeries {

  /** Prometheus' {@code samplesPerChunk}. */
  static final int SAMPLES_PER_CHUNK = 120;

  static final int OK = 0;
  static final int DUPLICATE_NOOP = 1;

  private static final byte[][] NO_CHUNKS = new byte[0][];
  private static final long[] NO_TIMES = new long[0];

  final long ref;
  final Labels labels;

  private byte[][] closed = NO_CHUNKS;
  private long[] closedTimes = NO_TIMES; // mint, maxt pairs
  private int numClosed;
  private XorChunkWriter open;
  private long nextAt = Long.MIN_VALUE;
  private long maxT = Long.MIN_VALUE;
  private long lastBits;
  private int pendingCommits;
  private boolean deleted;
  /** Whether a Series record for this series is in the WAL (or the series came from it). */
  volatile boolean walLogged;

  MemSeries(long ref, Labels labels) {
    this.ref = ref;
    this.labels = labels;
  }

  /**
   * Prometheus' {@code memSeries.appendable}: {@link #OK}, {@link #DUPLICATE_NOOP} or {@code -1 - error.ordinal()}.
   */
  synchronized int appendable(long t, double v, long headMaxT, long minValidTime, long oooWindow) {
    if (t >= minValidTime) {
      if (maxT == Long.MIN_VALUE || t > maxT) {
        return OK;
      }
      if (t == maxT) {
        return Double.doubleToRawLongBits(v) == lastBits ? DUPLICATE_NOOP
            : -1 - AppendError.DUPLICATE_TIMESTAMP.ordinal();
      }
    }
    if (oooWindow > 0) {
      // The window is checked, but out-of-order chunks (and the WBL) are not implemented: in-window samples are
      // refused as out of order.
      return t >= headMaxT - oooWindow ? -1 - AppendError.OUT_OF_ORDER.ordinal()
          : -1 - AppendError.TOO_OLD.ordinal();
    }
    if (t < minValidTime) {
      return -1 - AppendError.OUT_OF_BOUNDS.ordinal();
    }
    return -1 - AppendError.OUT_OF_ORDER.ordinal();
  }

  /** Marks one sample of an open transaction; false when the series was garbage-collected meanwhile. */
  synchronized boolean tryPending() {
    if (deleted) {
      return false;
    }
    pendingCommits++;
    return true;
  }

  synchronized void donePending() {
    pendingCommits--;
  }

  /** Marks the series deleted when it is collectable; true when it was. */
  synchronized boolean markDeletedIfCollectable() {
    if (numClosed == 0 && (open == null || open.numSamples() == 0) && pendingCommits == 0) {
      deleted = true;
    }
    return deleted;
  }

  /**
   * Appends a committed sample, cutting chunks as Prometheus does. Returns -1 when out of order (dropped),
   * 0 when appended to the open chunk, 1 when a new chunk was started for it.
   */
  synchronized int append(long t, double v, long chunkRange) {
    int created = 0;
    if (open == null || open.numSamples() == 0) {
      if (t <= maxT) {
        return -1;
      }
      cut(t, chunkRange);
      created = 1;
    } else {
      if (t <= open.maxTime()) {
        return -1;
      }
      int n = open.numSamples();
      if (n == SAMPLES_PER_CHUNK / 4) {
        nextAt = computeChunkEndTime(open.minTime(), open.maxTime(), nextAt);
      }
      if (t >= nextAt || n >= SAMPLES_PER_CHUNK * 2) {
        cut(t, chunkRange);
        created = 1;
      }
    }
    open.append(t, v);
    maxT = t;
    lastBits = Double.doubleToRawLongBits(v);
    return created;
  }

  /** Prometheus' {@code computeChunkEndTime}. */
  static long computeChunkEndTime(long start, long cur, long max) {
    long n = (max - start) / ((cur - start + 1) * 4);
    if (n <= 1) {
      return max;
    }
    return start + (max - start) / n;
  }

  private void cut(long t, long chunkRange) {
    if (open == null) {
      open = new XorChunkWriter();
    } else if (open.numSamples() > 0) {
      if (numClosed == closed.length) {
        int cap = Math.max(2, numClosed * 2);
        closed = Arrays.copyOf(closed, cap);
        closedTimes = Arrays.copyOf(closedTimes, 2 * cap);
      }
      closed[numClosed] = open.bytes();
      closedTimes[2 * numClosed] = open.minTime();
      closedTimes[2 * numClosed + 1] = open.maxTime();
      numClosed++;
      open.reset();
    }
    nextAt = HeadOptions.rangeForTimestamp(t, chunkRange);
  }

  synchronized long maxTime() {
    return maxT;
  }

  /** Number of chunks, the open one included. */
  synchronized int numChunks() {
    return numClosed + (open != null && open.numSamples() > 0 ? 1 : 0);
  }

  /**
   * Drops chunks whose last sample is before {@code mint}; returns how many. The series is left empty (and
   * collectable) when every chunk went.
   */
  synchronized int truncateBefore(long mint) {
    int drop = 0;
    while (drop < numClosed && closedTimes[2 * drop + 1] < mint) {
      drop++;
    }
    if (drop > 0) {
      int rest = numClosed - drop;
      byte[][] c = new byte[Math.max(rest, 0)][];
      System.arraycopy(closed, drop, c, 0, rest);
      closed = rest == 0 ? NO_CHUNKS : c;
      closedTimes = rest == 0 ? NO_TIMES : Arrays.copyOfRange(closedTimes, 2 * drop, 2 * numClosed);
      numClosed = rest;
    }
    if (numClosed == 0 && open != null && open.numSamples() > 0 && open.maxTime() < mint) {
      open = null;
      drop++;
    }
    return drop;
  }

  /** Whether the series holds no chunk and no appender is about to commit to it. */
  synchronized boolean collectable() {
    return numClosed == 0 && (open == null || open.numSamples() == 0) && pendingCommits == 0;
  }

  /**
   * Copies the chunks overlapping [mint, maxt] into {@code out}: closed chunks are shared (immutable), the open
   * one copied. Returns the number of chunks.
   */
  synchronized ChunkSnapshot snapshot(long mint, long maxt) {
    int total = numClosed + (open != null && open.numSamples() > 0 ? 1 : 0);
    byte[][] data = new byte[total][];
    long[] times = new long[2 * total];
    int n = 0;
    for (int i = 0; i < numClosed; i++) {
      if (closedTimes[2 * i + 1] >= mint && closedTimes[2 * i] <= maxt) {
        data[n] = closed[i];
        times[2 * n] = closedTimes[2 * i];
        times[2 * n + 1] = closedTimes[2 * i + 1];
        n++;
      }
    }
    if (open != null && open.numSamples() > 0 && open.maxTime() >= mint && open.minTime() <= maxt) {
      data[n] = open.bytes();
      times[2 * n] = open.minTime();
      times[2 * n + 1] = open.maxTime();
      n++;
    }
    return new ChunkSnapshot(data, times, n);
  }

  /**
   * Chunks copied out of a series.
   *
   * @param data chunk bytes (XOR), the first {@code n} valid
   * @param times mint/maxt pairs
   * @param n number of chunks
   */
  record ChunkSnapshot(byte[][] data, long[] times, int n) {}
}
