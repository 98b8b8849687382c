package io.thanosjvm.promql.engine;

/** The math of range-vector functions over a window {@code [lo, hi)} of primitive sample arrays. */
final class RangeFunctions {

  private double[] scratch = new double[16];
  /** Reset and change counts of the series being evaluated. */
  final PairCounts pairs = new PairCounts();
  /** Reusable output buffers for streaming evaluation. */
  double[] bufV = new double[0];
  boolean[] bufHas = new boolean[0];

  /** Clears (and sizes) the reusable output buffers. */
  void resetBuffers(int steps) {
    if (bufV.length != steps) {
      bufV = new double[steps];
      bufHas = new boolean[steps];
    } else {
      java.util.Arrays.fill(bufHas, false);
    }
  }
  private final double[] regression = new double[2];

  /**
   * rate/increase/delta with Prometheus' extrapolation to the window boundaries. {@code resetsInWindow} says
   * whether a counter's window has a reset at all: without one the correction loop adds nothing and is skipped.
   */
  double extrapolatedRate(long[] ts, double[] vs, int lo, int hi, long rangeStart, long rangeEnd, boolean counter,
      boolean rate, boolean resetsInWindow) {
    int last = hi - 1;
    double result = vs[last] - vs[lo];
    if (counter && resetsInWindow) {
      double prev = 0;
      for (int i = lo; i < hi; i++) {
        if (vs[i] < prev) {
          result += prev;
        }
        prev = vs[i];
      }
    }
    double durationToStart = (ts[lo] - rangeStart) / 1000.0;
    double durationToEnd = (rangeEnd - ts[last]) / 1000.0;
    double sampledInterval = (ts[last] - ts[lo]) / 1000.0;
    double averageBetween = sampledInterval / (hi - lo - 1);
    if (counter && result > 0 && vs[lo] >= 0) {
      double durationToZero = sampledInterval * (vs[lo] / result);
      if (durationToZero < durationToStart) {
        durationToStart = durationToZero;
      }
    }
    double threshold = averageBetween * 1.1;
    double extrapolateTo = sampledInterval;
    extrapolateTo += durationToStart < threshold ? durationToStart : averageBetween / 2;
    extrapolateTo += durationToEnd < threshold ? durationToEnd : averageBetween / 2;
    // Prometheus 2.42 folds the per-second division into the extrapolation factor before one multiplication
    double factor = extrapolateTo / sampledInterval;
    if (rate) {
      factor /= (rangeEnd - rangeStart) / 1000.0;
    }
    return result * factor;
  }

  /** irate/idelta from the last two samples. */
  double instantValue(long[] ts, double[] vs, int lo, int hi, boolean rate) {
    double last = vs[hi - 1];
    double prev = vs[hi - 2];
    double result = rate && last < prev ? last : last - prev;
    long interval = ts[hi - 1] - ts[hi - 2];
    if (rate) {
      result /= interval / 1000.0;
    }
    return result;
  }

  /** Least-squares slope and intercept at {@code interceptTime}; returns a shared 2-element array. */
  double[] linearRegression(long[] ts, double[] vs, int lo, int hi, long interceptTime) {
    double n = 0;
    double sumX = 0;
    double cX = 0;
    double sumY = 0;
    double cY = 0;
    double sumXY = 0;
    double cXY = 0;
    double sumX2 = 0;
    double cX2 = 0;
    double initY = vs[lo];
    boolean constY = true;
    for (int i = lo; i < hi; i++) {
      double v = vs[i];
      if (constY && i > lo && v != initY) {
        constY = false;
      }
      n += 1;
      double x = (ts[i] - interceptTime) / 1e3;
      double t;
      t = sumX + x;
      cX += Math.abs(sumX) >= Math.abs(x) ? (sumX - t) + x : (x - t) + sumX;
      sumX = t;
      t = sumY + v;
      cY += Math.abs(sumY) >= Math.abs(v) ? (sumY - t) + v : (v - t) + sumY;
      sumY = t;
      double xy = x * v;
      t = sumXY + xy;
      cXY += Math.abs(sumXY) >= Math.abs(xy) ? (sumXY - t) + xy : (xy - t) + sumXY;
      sumXY = t;
      double x2 = x * x;
      t = sumX2 + x2;
      cX2 += Math.abs(sumX2) >= Math.abs(x2) ? (sumX2 - t) + x2 : (x2 - t) + sumX2;
      sumX2 = t;
    }
    if (constY) {
      if (Double.isInfinite(initY)) {
        regression[0] = Double.NaN;
        regression[1] = Double.NaN;
      } else {
        regression[0] = 0;
        regression[1] = initY;
      }
      return regression;
    }
    sumX += cX;
    sumY += cY;
    sumXY += cXY;
    sumX2 += cX2;
    double covXY = sumXY - sumX * sumY / n;
    double varX = sumX2 - sumX * sumX / n;
    double slope = covXY / varX;
    regression[0] = slope;
    regression[1] = sumY / n - slope * sumX / n;
    return regression;
  }

  double holtWinters(double[] vs, int lo, int hi, double sf, double tf) {
    if (sf <= 0 || sf >= 1) {
      throw new io.thanosjvm.promql.QueryExecutionException(
          "invalid smoothing factor. Expected: 0 < sf < 1, got: " + String.format(java.util.Locale.ROOT, "%f", sf));
    }
    if (tf <= 0 || tf >= 1) {
      throw new io.thanosjvm.promql.QueryExecutionException(
          "invalid trend factor. Expected: 0 < tf < 1, got: " + String.format(java.util.Locale.ROOT, "%f", tf));
    }
    double s0 = 0;
    double s1 = vs[lo];
    double b = vs[lo + 1] - vs[lo];
    for (int i = lo + 1; i < hi; i++) {
      double x = sf * vs[i];
      if (i - lo - 1 != 0) {
        b = tf * (s1 - s0) + (1 - tf) * b;
      }
      double y = (1 - sf) * (s1 + b);
      s0 = s1;
      s1 = x + y;
    }
    return s1;
  }

  double avg(double[] vs, int lo, int hi) {
    double mean = 0;
    double c = 0;
    double count = 0;
    for (int i = lo; i < hi; i++) {
      double v = vs[i];
      count++;
      if (Double.isInfinite(mean)) {
        if (Double.isInfinite(v) && (mean > 0) == (v > 0)) {
          continue;
        }
        if (!Double.isInfinite(v) && !Double.isNaN(v)) {
          continue;
        }
      }
      double inc = v / count - mean / count;
      double t = mean + inc;
      if (Math.abs(mean) >= Math.abs(inc)) {
        c += (mean - t) + inc;
      } else {
        c += (inc - t) + mean;
      }
      mean = t;
    }
    if (Double.isInfinite(mean)) {
      return mean;
    }
    return mean + c;
  }

  double sum(double[] vs, int lo, int hi) {
    double sum = 0;
    double c = 0;
    for (int i = lo; i < hi; i++) {
      double v = vs[i];
      double t = sum + v;
      if (Math.abs(sum) >= Math.abs(v)) {
        c += (sum - t) + v;
      } else {
        c += (v - t) + sum;
      }
      sum = t;
    }
    if (Double.isInfinite(sum)) {
      return sum;
    }
    return sum + c;
  }

  double min(double[] vs, int lo, int hi) {
    double m = vs[lo];
    for (int i = lo; i < hi; i++) {
      if (vs[i] < m || Double.isNaN(m)) {
        m = vs[i];
      }
    }
    return m;
  }

  double max(double[] vs, int lo, int hi) {
    double m = vs[lo];
    for (int i = lo; i < hi; i++) {
      if (vs[i] > m || Double.isNaN(m)) {
        m = vs[i];
      }
    }
    return m;
  }

  double variance(double[] vs, int lo, int hi) {
    double count = 0;
    double mean = 0;
    double cMean = 0;
    double aux = 0;
    double cAux = 0;
    for (int i = lo; i < hi; i++) {
      double v = vs[i];
      count++;
      double delta = v - (mean + cMean);
      double inc = delta / count;
      double t = mean + inc;
      cMean += Math.abs(mean) >= Math.abs(inc) ? (mean - t) + inc : (inc - t) + mean;
      mean = t;
      double inc2 = delta * (v - (mean + cMean));
      t = aux + inc2;
      cAux += Math.abs(aux) >= Math.abs(inc2) ? (aux - t) + inc2 : (inc2 - t) + aux;
      aux = t;
    }
    return (aux + cAux) / count;
  }

  double quantile(double q, double[] vs, int lo, int hi) {
    int n = hi - lo;
    if (scratch.length < n) {
      scratch = new double[n];
    }
    System.arraycopy(vs, lo, scratch, 0, n);
    return Quantiles.quantile(q, scratch, n);
  }
}
