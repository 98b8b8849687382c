package io.thanosjvm.query;

/** Sorts parallel timestamp/value arrays by timestamp and keeps the first sample of each timestamp. */
final class SampleSort {

  private SampleSort() {}

  /** Sorts the first {@code n} samples in place (stable) and removes repeated timestamps; returns the new count. */
  static int sortAndDedupe(long[] ts, double[] vs, int n) {
    long[] tBuf = new long[n];
    double[] vBuf = new double[n];
    mergeSort(ts, vs, tBuf, vBuf, 0, n);
    int out = 0;
    for (int i = 0; i < n; i++) {
      if (out == 0 || ts[i] != ts[out - 1]) {
        ts[out] = ts[i];
        vs[out] = vs[i];
        out++;
      }
    }
    return out;
  }

  private static void mergeSort(long[] t, double[] v, long[] tb, double[] vb, int lo, int hi) {
    if (hi - lo < 2) {
      return;
    }
    int mid = (lo + hi) >>> 1;
    mergeSort(t, v, tb, vb, lo, mid);
    mergeSort(t, v, tb, vb, mid, hi);
    int i = lo;
    int j = mid;
    int k = lo;
    while (i < mid && j < hi) {
      if (t[j] < t[i]) {
        tb[k] = t[j];
        vb[k++] = v[j++];
      } else {
        tb[k] = t[i];
        vb[k++] = v[i++];
      }
    }
    while (i < mid) {
      tb[k] = t[i];
      vb[k++] = v[i++];
    }
    while (j < hi) {
      tb[k] = t[j];
      vb[k++] = v[j++];
    }
    System.arraycopy(tb, lo, t, lo, hi - lo);
    System.arraycopy(vb, lo, v, lo, hi - lo);
  }
}
