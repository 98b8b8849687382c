package io.thanosjvm.promql.engine;

import io.thanosjvm.model.Label;
import io.thanosjvm.model.Labels;
import io.thanosjvm.promql.QueryExecutionException;
import io.thanosjvm.promql.ast.AggregateExpr;
import io.thanosjvm.promql.ast.AggregateOp;
import io.thanosjvm.promql.ast.GoFloat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Aggregation operators, evaluated step by step over per-group primitive accumulators. */
final class AggregationEval {

  private AggregationEval() {}

  static EvalValue eval(Evaluator ev, AggregateExpr a, StepGrid g) {
    double[] param = null;
    String label = null;
    if (a.op() == AggregateOp.COUNT_VALUES) {
      label = ((StepString) ev.eval(a.param(), g)).v();
      if (!Label.isValidName(label)) {
        throw new QueryExecutionException("invalid label name \"" + label + "\"");
      }
    } else if (a.param() != null) {
      param = ev.scalarArg(a.param(), g);
    }
    if (a.param() == null) {
      StepVector out = streaming(ev, a, g);
      ev.ctx.addSamples(out.points());
      return out;
    }
    StepVector in = ev.vectorArg(a.expr(), g);
    StepVector out = switch (a.op()) {
      case TOPK, BOTTOMK -> topk(a, in, param, g);
      case COUNT_VALUES -> countValues(a, in, label, g);
      default -> simple(a, in, param, g);
    };
    ev.release(in);
    ev.ctx.addSamples(out.points());
    return out;
  }

  static Labels groupLabels(Labels l, List<String> grouping, boolean without) {
    if (without) {
      Set<String> drop = new HashSet<>(grouping);
      drop.add(Label.METRIC_NAME);
      return l.without(drop);
    }
    return l.keepOnly(grouping);
  }

  private static int[] groupIds(List<StepSeries> series, AggregateExpr a, List<Labels> groups) {
    Map<Labels, Integer> ids = new HashMap<>();
    int[] gid = new int[series.size()];
    for (int s = 0; s < series.size(); s++) {
      Labels key = groupLabels(series.get(s).labels, a.grouping(), a.without());
      Integer id = ids.get(key);
      if (id == null) {
        id = groups.size();
        ids.put(key, id);
        groups.add(key);
      }
      gid[s] = id;
    }
    return gid;
  }

  private static StepVector simple(AggregateExpr a, StepVector in, double[] param, StepGrid g) {
    List<StepSeries> series = in.series();
    List<Labels> groups = new ArrayList<>();
    int[] gid = groupIds(series, a, groups);
    int ng = groups.size();
    List<StepSeries> outSeries = new ArrayList<>(ng);
    for (Labels l : groups) {
      outSeries.add(new StepSeries(l, g.n));
    }
    double[] value = new double[ng];
    double[] mean = new double[ng];
    long[] count = new long[ng];
    double[][] bucket = a.op() == AggregateOp.QUANTILE ? new double[ng][] : null;
    int[] seen = new int[ng];
    AggregateOp op = a.op();
    for (int i = 0; i < g.n; i++) {
      Arrays.fill(seen, -1);
      for (int s = 0; s < series.size(); s++) {
        StepSeries ss = series.get(s);
        if (!ss.has[i]) {
          continue;
        }
        double v = ss.v[i];
        int k = gid[s];
        if (seen[k] != i) {
          seen[k] = i;
          count[k] = 1;
          value[k] = (op == AggregateOp.STDDEV || op == AggregateOp.STDVAR) ? 0 : v;
          mean[k] = v;
          if (bucket != null) {
            if (bucket[k] == null) {
              bucket[k] = new double[8];
            }
            bucket[k][0] = v;
          }
          continue;
        }
        count[k]++;
        switch (op) {
          case SUM -> value[k] += v;
          case AVG -> {
            double m = mean[k];
            if (Double.isInfinite(m)) {
              if (Double.isInfinite(v) && (m > 0) == (v > 0)) {
                break;
              }
              if (!Double.isInfinite(v) && !Double.isNaN(v)) {
                break;
              }
            }
            mean[k] = m + (v / count[k] - m / count[k]);
          }
          case MAX -> {
            if (value[k] < v || Double.isNaN(value[k])) {
              value[k] = v;
            }
          }
          case MIN -> {
            if (value[k] > v || Double.isNaN(value[k])) {
              value[k] = v;
            }
          }
          case STDDEV, STDVAR -> {
            double delta = v - mean[k];
            mean[k] += delta / count[k];
            value[k] += delta * (v - mean[k]);
          }
          case QUANTILE -> {
            int c = (int) count[k];
            if (c > bucket[k].length) {
              bucket[k] = Arrays.copyOf(bucket[k], c * 2);
            }
            bucket[k][c - 1] = v;
          }
          default -> {
          }
        }
      }
      for (int k = 0; k < ng; k++) {
        if (seen[k] != i) {
          continue;
        }
        double r = switch (op) {
          case SUM, MAX, MIN -> value[k];
          case AVG -> mean[k];
          case COUNT -> count[k];
          case GROUP -> 1;
          case STDVAR -> value[k] / count[k];
          case STDDEV -> Math.sqrt(value[k] / count[k]);
          case QUANTILE -> Quantiles.quantile(param[i], bucket[k], (int) count[k]);
          default -> throw new IllegalStateException(op.toString());
        };
        StepSeries o = outSeries.get(k);
        o.has[i] = true;
        o.v[i] = r;
      }
    }
    List<StepSeries> res = new ArrayList<>();
    for (StepSeries o : outSeries) {
      if (o.count() > 0) {
        res.add(o);
      }
    }
    return new StepVector(res);
  }

  /** One group's accumulators, one slot per step. */
  private static final class GroupState {
    final Labels labels;
    final double[] value;
    final double[] mean;
    final long[] count;

    GroupState(Labels labels, int steps) {
      this.labels = labels;
      this.value = new double[steps];
      this.mean = new double[steps];
      this.count = new long[steps];
    }
  }

  /**
   * Series-major aggregation for operators without a parameter: each input series is folded into its group's
   * per-step accumulators as it arrives, so the input vector is never materialised. Per step, series are
   * visited in the same order as a step-major loop, so results are bit-identical.
   */
  private static StepVector streaming(Evaluator ev, AggregateExpr a, StepGrid g) {
    AggregateOp op = a.op();
    Map<Labels, GroupState> byKey = new HashMap<>();
    List<GroupState> groups = new ArrayList<>();
    boolean variance = op == AggregateOp.STDDEV || op == AggregateOp.STDVAR;
    ev.streamVector(a.expr(), g, s -> {
      Labels key = groupLabels(s.labels, a.grouping(), a.without());
      GroupState st = byKey.get(key);
      if (st == null) {
        st = new GroupState(key, g.n);
        byKey.put(key, st);
        groups.add(st);
      }
      double[] value = st.value;
      double[] mean = st.mean;
      long[] count = st.count;
      for (int i = 0; i < g.n; i++) {
        if (!s.has[i]) {
          continue;
        }
        double v = s.v[i];
        long c = ++count[i];
        if (c == 1) {
          value[i] = variance ? 0 : v;
          mean[i] = v;
          continue;
        }
        switch (op) {
          case SUM -> value[i] += v;
          case AVG -> {
            double m = mean[i];
            if (Double.isInfinite(m)) {
              if (Double.isInfinite(v) && (m > 0) == (v > 0)) {
                break;
              }
              if (!Double.isInfinite(v) && !Double.isNaN(v)) {
                break;
              }
            }
            mean[i] = m + (v / c - m / c);
          }
          case MAX -> {
            if (value[i] < v || Double.isNaN(value[i])) {
              value[i] = v;
            }
          }
          case MIN -> {
            if (value[i] > v || Double.isNaN(value[i])) {
              value[i] = v;
            }
          }
          case STDDEV, STDVAR -> {
            double delta = v - mean[i];
            mean[i] += delta / c;
            value[i] += delta * (v - mean[i]);
          }
          default -> {
          }
        }
      }
    });
    List<StepSeries> res = new ArrayList<>(groups.size());
    for (GroupState st : groups) {
      StepSeries o = new StepSeries(st.labels, g.n);
      boolean any = false;
      for (int i = 0; i < g.n; i++) {
        long c = st.count[i];
        if (c == 0) {
          continue;
        }
        any = true;
        o.has[i] = true;
        o.v[i] = switch (op) {
          case SUM, MAX, MIN -> st.value[i];
          case AVG -> st.mean[i];
          case COUNT -> c;
          case GROUP -> 1;
          case STDVAR -> st.value[i] / c;
          case STDDEV -> Math.sqrt(st.value[i] / c);
          default -> throw new IllegalStateException(op.toString());
        };
      }
      if (any) {
        res.add(o);
      }
    }
    return new StepVector(res);
  }

  private static StepVector topk(AggregateExpr a, StepVector in, double[] param, StepGrid g) {
    List<StepSeries> series = in.series();
    List<Labels> groups = new ArrayList<>();
    int[] gid = groupIds(series, a, groups);
    boolean top = a.op() == AggregateOp.TOPK;
    boolean[][] selected = new boolean[series.size()][];
    // Per step, per group: candidate series indices.
    List<List<Integer>> members = new ArrayList<>();
    for (int k = 0; k < groups.size(); k++) {
      members.add(new ArrayList<>());
    }
    for (int s = 0; s < series.size(); s++) {
      members.get(gid[s]).add(s);
    }
    List<Integer> order = new ArrayList<>();
    double[][] values = new double[series.size()][];
    for (int s = 0; s < series.size(); s++) {
      values[s] = series.get(s).v;
    }
    int[][] memberIdx = new int[members.size()][];
    for (int m = 0; m < members.size(); m++) {
      memberIdx[m] = members.get(m).stream().mapToInt(Integer::intValue).toArray();
    }
    TopKSelection pick = new TopKSelection(top);
    for (int i = 0; i < g.n; i++) {
      double kf = param[i];
      if (Double.isNaN(kf) || kf >= 9.223372036854776E18 || kf < -9.223372036854776E18) {
        throw new QueryExecutionException("Scalar value " + GoFloat.formatG(kf) + " overflows int64");
      }
      long k = (long) kf;
      if (k < 1) {
        continue;
      }
      for (int[] grp : memberIdx) {
        pick.reset((int) Math.min(k, grp.length), values, i);
        for (int s : grp) {
          if (series.get(s).has[i]) {
            pick.offer(s);
          }
        }
        if (pick.size() == 0) {
          continue;
        }
        if (g.n == 1) {
          for (int s : pick.drainBestFirst()) {
            markSelected(selected, s, i, g.n);
            order.add(s);
          }
        } else {
          for (int c = 0; c < pick.size(); c++) {
            markSelected(selected, pick.at(c), i, g.n);
          }
        }
      }
    }
    List<StepSeries> res = new ArrayList<>();
    if (g.n == 1) {
      for (int s : order) {
        res.add(new StepSeries(series.get(s).labels, series.get(s).v, selected[s]));
      }
      return new StepVector(res);
    }
    for (int s = 0; s < series.size(); s++) {
      if (selected[s] != null) {
        res.add(new StepSeries(series.get(s).labels, series.get(s).v, selected[s]));
      }
    }
    return new StepVector(res);
  }

  private static void markSelected(boolean[][] selected, int s, int step, int steps) {
    if (selected[s] == null) {
      selected[s] = new boolean[steps];
    }
    selected[s][step] = true;
  }

  private static StepVector countValues(AggregateExpr a, StepVector in, String label, StepGrid g) {
    OutputBuilder out = new OutputBuilder(g.n);
    List<String> grouping = new ArrayList<>(a.grouping());
    if (!a.without()) {
      grouping.add(label);
    }
    for (int i = 0; i < g.n; i++) {
      Map<Labels, Integer> counts = new java.util.LinkedHashMap<>();
      for (StepSeries s : in.series()) {
        if (!s.has[i]) {
          continue;
        }
        Labels withValue = s.labels.toBuilder().set(label, GoFloat.formatF(s.v[i])).build();
        Labels key = groupLabels(withValue, grouping, a.without());
        counts.merge(key, 1, Integer::sum);
      }
      for (Map.Entry<Labels, Integer> e : counts.entrySet()) {
        out.set(out.seriesFor(e.getKey()), i, e.getValue());
      }
    }
    return out.build();
  }
}
