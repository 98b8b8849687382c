package io.thanosjvm.promql.engine;

import java.util.Arrays;

/** Prometheus' quantile over a set of values (used by quantile and quantile_over_time). */
final class Quantiles {

  private Quantiles() {}

  /**
   * The q-quantile of {@code values[0..n)} (sorted in place, NaN first), with linear interpolation.
   * Returns NaN for no values, -Inf for q < 0 and +Inf for q > 1.
   */
  static double quantile(double q, double[] values, int n) {
    if (n == 0) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    sortNanFirst(values, n);
    double rank = q * (n - 1);
    double lower = Math.max(0, Math.floor(rank));
    double upper = Math.min(n - 1, lower + 1);
    double weight = rank - Math.floor(rank);
    if (Double.isNaN(rank)) {
      return Double.NaN;
    }
    return values[(int) lower] * (1 - weight) + values[(int) upper] * weight;
  }

  /** Sorts ascending with NaN first, as Go's vectorByValueHeap does. */
  static void sortNanFirst(double[] values, int n) {
    Arrays.sort(values, 0, n);
    int nan = 0;
    for (int i = n - 1; i >= 0 && Double.isNaN(values[i]); i--) {
      nan++;
    }
    if (nan > 0 && nan < n) {
      System.arraycopy(values, 0, values, nan, n - nan);
      Arrays.fill(values, 0, nan, Double.NaN);
    }
  }
}
