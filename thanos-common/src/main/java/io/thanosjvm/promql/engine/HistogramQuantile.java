package io.thanosjvm.promql.engine;

import io.thanosjvm.model.Labels;
import io.thanosjvm.promql.ast.Call;
import io.thanosjvm.promql.ast.GoFloat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** histogram_quantile over classic {@code le} bucket series. */
final class HistogramQuantile {

  private HistogramQuantile() {}

  static EvalValue eval(Evaluator ev, Call call, StepGrid g) {
    double[] q = ev.scalarArg(call.args().get(0), g);
    StepVector in = ev.vectorArg(call.args().get(1), g);
    List<StepSeries> series = in.series();
    Map<Labels, Integer> groupIds = new HashMap<>();
    List<Labels> groupOut = new ArrayList<>();
    List<List<Integer>> members = new ArrayList<>();
    double[] upper = new double[series.size()];
    for (int s = 0; s < series.size(); s++) {
      Labels l = series.get(s).labels;
      try {
        upper[s] = GoFloat.parse(l.get("le"));
      } catch (NumberFormatException e) {
        continue;
      }
      Labels key = l.without(Set.of("le"));
      Integer id = groupIds.get(key);
      if (id == null) {
        id = groupOut.size();
        groupIds.put(key, id);
        groupOut.add(key.withoutMetricName());
        members.add(new ArrayList<>());
      }
      members.get(id).add(s);
    }
    OutputBuilder out = new OutputBuilder(g.n);
    double[] ub = new double[16];
    double[] cnt = new double[16];
    for (int k = 0; k < members.size(); k++) {
      int idx = -1;
      List<Integer> mem = members.get(k);
      for (int i = 0; i < g.n; i++) {
        int n = 0;
        if (ub.length < mem.size()) {
          ub = new double[mem.size()];
          cnt = new double[mem.size()];
        }
        for (int s : mem) {
          if (series.get(s).has[i]) {
            ub[n] = upper[s];
            cnt[n] = series.get(s).v[i];
            n++;
          }
        }
        if (n == 0) {
          continue;
        }
        if (idx < 0) {
          idx = out.seriesFor(groupOut.get(k));
        }
        out.set(idx, i, bucketQuantile(q[i], ub, cnt, n));
      }
    }
    ev.release(in);
    StepVector res = out.build();
    ev.ctx.addSamples(res.points());
    return res;
  }

  /** Prometheus' bucketQuantile; sorts the first n buckets in place. */
  static double bucketQuantile(double q, double[] ub, double[] cnt, int n) {
    if (Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(ub[a], ub[b]));
    double[] u = new double[n];
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      u[i] = ub[order[i]];
      c[i] = cnt[order[i]];
    }
    if (u[n - 1] != Double.POSITIVE_INFINITY) {
      return Double.NaN;
    }
    // Coalesce buckets with the same upper bound.
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (m > 0 && u[m - 1] == u[i]) {
        c[m - 1] += c[i];
      } else {
        u[m] = u[i];
        c[m] = c[i];
        m++;
      }
    }
    // Ensure monotonic counts.
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < m; i++) {
      if (c[i] > max) {
        max = c[i];
      } else if (c[i] < max) {
        c[i] = max;
      }
    }
    if (m < 2) {
      return Double.NaN;
    }
    double observations = c[m - 1];
    if (observations == 0) {
      return Double.NaN;
    }
    double rank = q * observations;
    int b = 0;
    while (b < m - 1 && !(c[b] >= rank)) {
      b++;
    }
    if (b == m - 1) {
      return u[m - 2];
    }
    if (b == 0 && u[0] <= 0) {
      return u[0];
    }
    double start = 0;
    double end = u[b];
    double count = c[b];
    if (b > 0) {
      start = u[b - 1];
      count -= c[b - 1];
      rank -= c[b - 1];
    }
    return start + (end - start) * (rank / count);
  }
}
