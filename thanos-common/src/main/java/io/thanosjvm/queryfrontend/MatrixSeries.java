package io.thanosjvm.queryfrontend;

import io.thanosjvm.model.Labels;
import java.util.Arrays;

/**
 * One series of a range query result: its labels and its samples in time order, in primitive arrays.
 *
 * @param labels the series' labels (the JSON {@code metric})
 * @param timestamps sample times in ms, strictly increasing
 * @param values sample values, parallel to {@code timestamps}
 */
public record MatrixSeries(Labels labels, long[] timestamps, double[] values) {

  /** Validates that the arrays are parallel and the times strictly increasing. */
  public MatrixSeries {
    if (timestamps.length != values.length) {
      throw new IllegalArgumentException("timestamps and values differ in length");
    }
    for (int i = 1; i < timestamps.length; i++) {
      if (timestamps[i] <= timestamps[i - 1]) {
        throw new IllegalArgumentException("sample times of " + labels + " not strictly increasing at " + i);
      }
    }
  }

  /** The number of samples. */
  public int size() {
    return timestamps.length;
  }

  /** The samples within {@code [mint, maxt]}, or this series when all are. */
  public MatrixSeries between(long mint, long maxt) {
    int from = 0;
    while (from < timestamps.length && timestamps[from] < mint) {
      from++;
    }
    int to = timestamps.length;
    while (to > from && timestamps[to - 1] > maxt) {
      to--;
    }
    if (from == 0 && to == timestamps.length) {
      return this;
    }
    return new MatrixSeries(labels, Arrays.copyOfRange(timestamps, from, to), Arrays.copyOfRange(values, from, to));
  }

  /**
   * This series' samples merged with {@code other}'s (same labels): the union in time order; where both have
   * a sample at the same time, this series' value is kept.
   */
  public MatrixSeries merge(MatrixSeries other) {
    long[] a = timestamps;
    long[] b = other.timestamps;
    if (b.length == 0) {
      return this;
    }
    if (a.length == 0) {
      return new MatrixSeries(labels, b, other.values);
    }
    if (a[a.length - 1] < b[0]) {
      return concat(this, other);
    }
    if (b[b.length - 1] < a[0]) {
      return concat(other, this);
    }
    long[] ts = new long[a.length + b.length];
    double[] vs = new double[ts.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i] <= b[j])) {
        if (j < b.length && a[i] == b[j]) {
          j++;
        }
        ts[n] = a[i];
        vs[n++] = values[i++];
      } else {
        ts[n] = b[j];
        vs[n++] = other.values[j++];
      }
    }
    return new MatrixSeries(labels, Arrays.copyOf(ts, n), Arrays.copyOf(vs, n));
  }

  private static MatrixSeries concat(MatrixSeries first, MatrixSeries second) {
    long[] ts = Arrays.copyOf(first.timestamps, first.size() + second.size());
    double[] vs = Arrays.copyOf(first.values, ts.length);
    System.arraycopy(second.timestamps, 0, ts, first.size(), second.size());
    System.arraycopy(second.values, 0, vs, first.size(), second.size());
    return new MatrixSeries(first.labels, ts, vs);
  }
}
