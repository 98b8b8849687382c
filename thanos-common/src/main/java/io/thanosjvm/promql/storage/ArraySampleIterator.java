package io.thanosjvm.promql.storage;

import io.thanosjvm.model.SampleIterator;
import java.util.Arrays;

/** A {@link SampleIterator} over primitive arrays (a slice {@code [from, to)}). */
public final class ArraySampleIterator implements SampleIterator {

  private final long[] ts;
  private final double[] vs;
  private final int to;
  private int i;

  /** Iterates over {@code ts[from..to)}/{@code vs[from..to)}; timestamps must ascend. */
  public ArraySampleIterator(long[] ts, double[] vs, int from, int to) {
    this.ts = ts;
    this.vs = vs;
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
    if (i < 0 || i >= to || ts[i] < t) {
      int from = Math.max(i, 0);
      if (from >= to) {
        i = to;
        return false;
      }
      int k = Arrays.binarySearch(ts, from, to, t);
      i = k >= 0 ? k : -k - 1;
    }
    return i < to;
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
