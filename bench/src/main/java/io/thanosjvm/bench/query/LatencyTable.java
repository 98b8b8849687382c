package io.thanosjvm.bench.query;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Per-expression latency samples of both sides, printed as p50s, their ratio and the geometric mean ratio. */
final class LatencyTable {

  private record Row(String expr, long[] prometheus, long[] ours, String note) {}

  private final List<Row> rows = new ArrayList<>();

  /** Adds one expression's latencies (ns); {@code note} flags answers that differ (empty when they agree). */
  void add(String expr, long[] prometheusNanos, long[] oursNanos, String note) {
    rows.add(new Row(expr, prometheusNanos.clone(), oursNanos.clone(), note));
  }

  static double p50Millis(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    int n = s.length;
    double mid = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    return mid / 1e6;
  }

  /** Prints the table and returns the geometric mean of ours/Prometheus p50 ratios. */
  double print(PrintStream out) {
    out.printf("%9s %9s %7s  %s%n", "prom p50", "ours p50", "ratio", "expression (query_range)");
    double logSum = 0;
    for (Row r : rows) {
      double p = p50Millis(r.prometheus);
      double o = p50Millis(r.ours);
      double ratio = o / p;
      logSum += Math.log(ratio);
      out.printf("%7.2fms %7.2fms %7.2f  %s%s%n", p, o, ratio, r.expr, r.note.isEmpty() ? "" : "   [" + r.note + "]");
    }
    double geo = Math.exp(logSum / rows.size());
    long[] allP = rows.stream().flatMapToLong(r -> Arrays.stream(r.prometheus)).toArray();
    long[] allO = rows.stream().flatMapToLong(r -> Arrays.stream(r.ours)).toArray();
    out.printf("%nexpressions: %d; overall p50 prometheus %.2fms, ours %.2fms; geometric mean of p50 ratios "
        + "(ours / prometheus): %.3f%n", rows.size(), p50Millis(allP), p50Millis(allO), geo);
    return geo;
  }
}
