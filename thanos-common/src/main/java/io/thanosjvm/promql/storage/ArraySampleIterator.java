package io.thanosjvm.promql.storage;

import io.thanosjvm.model.SampleIterator;
import java.util.Arrays;

/** A {@link SampleIterator} over primitive arrays (a slice {@code [from, to)}). */
public final class ArraySampleIterator implements SampleIterator {

  private final long[] ts;
  private final double[] vs;
  private final int from;
  private final int to;
  private int i;

  /** Iterates over {@code ts[from..to)}/{@code vs[from..to)}; timestamps must ascend. */
  public ArraySampleIterator(long[] ts, double[] vs, int from, int to) {
    this.ts = ts;
    this.vs = vs;
    this.from = from;
    this.to = to;
    this.i = from - 1;
  }

  @Override
  public boolean next() {
    if (i < to) {
      i++;
    }
    return i < to;
  }

  @Override
  public boolean seek(long t) {
    if (i < from || i >= to || ts[i] < t) {
      int lo = Math.max(i, from); // before the first next(), i is just before the slice, not in it
      if (lo >= to) {
        i = to;
        return false;
      }
      int k = Arrays.binarySearch(ts, lo, to, t);
      i = k >= 0 ? k : -k - 1;
    }
    return i < to;
  }

  /**
   * Bulk form of {@link #seek seek(mint)} followed by {@link #next()} while the time is at most {@code maxt}:
   * copies those samples into {@code ts}/{@code vs} from index 0 and returns their count, or -1 (copying
   * nothing) when they would not fit. Leaves the iterator exhausted.
   */
  public int drainWindow(long mint, long maxt, long[] ts, double[] vs) {
    int lo = Math.max(i, from);
    if (lo < to && this.ts[lo] < mint) {
      int k = Arrays.binarySearch(this.ts, lo, to, mint);
      lo = k >= 0 ? k : -k - 1;
    }
    int k = lo >= to ? -lo - 1 : Arrays.binarySearch(this.ts, lo, to, maxt);
    int hi = k >= 0 ? k + 1 : -k - 1;
    int n = Math.max(0, hi - lo);
    if (n > ts.length || n > vs.length) {
      return -1;
    }
    System.arraycopy(this.ts, lo, ts, 0, n);
    System.arraycopy(this.vs, lo, vs, 0, n);
    i = to;
    return n;
  }

  /** Samples left from the current position on (an upper bound of what {@link #drainWindow} copies). */
  public int remaining() {
    return to - Math.max(i, from);
  }

  @Override
  public long atT() {
    return ts[i];
  }

  @Override
  public double atV() {
    return vs[i];
  }
}
