package io.thanosjvm.promql.engine;

import io.thanosjvm.model.Label;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.MatchType;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.promql.ast.Call;
import io.thanosjvm.promql.ast.Expr;
import io.thanosjvm.promql.ast.Function;
import io.thanosjvm.promql.ast.MatrixSelector;
import io.thanosjvm.promql.ast.SubqueryExpr;
import io.thanosjvm.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Function calls: dispatch to range-vector functions, label functions and element-wise math. */
final class FunctionEval {

  private FunctionEval() {}

  static EvalValue eval(Evaluator ev, Call call, StepGrid g) {
    Function f = call.function();
    for (Expr arg : call.args()) {
      Expr u = arg.unwrapParens();
      if (u instanceof MatrixSelector || u instanceof SubqueryExpr) {
        return RangeFunctionEval.eval(ev, call, g);
      }
    }
    switch (f) {
      case TIME -> {
        double[] v = new double[g.n];
        for (int i = 0; i < g.n; i++) {
          v[i] = g.t(i) / 1000.0;
        }
        return new StepScalar(v);
      }
      case PI -> {
        double[] v = new double[g.n];
        java.util.Arrays.fill(v, Math.PI);
        return new StepScalar(v);
      }
      case VECTOR_FN -> {
        double[] s = ev.scalarArg(call.args().get(0), g);
        boolean[] has = new boolean[g.n];
        java.util.Arrays.fill(has, true);
        StepVector out = new StepVector(List.of(new StepSeries(Labels.EMPTY, s.clone(), has)));
        ev.ctx.addSamples(g.n);
        return out;
      }
      case SCALAR_FN -> {
        StepVector in = ev.vectorArg(call.args().get(0), g);
        double[] v = new double[g.n];
        for (int i = 0; i < g.n; i++) {
          int c = 0;
          double val = Double.NaN;
          for (StepSeries s : in.series()) {
            if (s.has[i]) {
              c++;
              val = s.v[i];
            }
          }
          v[i] = c == 1 ? val : Double.NaN;
        }
        ev.release(in);
        return new StepScalar(v);
      }
      case ABSENT -> {
        StepVector in = ev.vectorArg(call.args().get(0), g);
        StepVector out = absent(in.series().stream().map(s -> s.has).toList(), absentLabels(call.args().get(0)), g);
        ev.release(in);
        return out;
      }
      case TIMESTAMP -> {
        return timestamp(ev, call, g);
      }
      case LABEL_REPLACE, LABEL_JOIN -> {
        return LabelFunctions.eval(ev, call, g);
      }
      case HISTOGRAM_QUANTILE -> {
        return HistogramQuantile.eval(ev, call, g);
      }
      case HISTOGRAM_COUNT, HISTOGRAM_SUM, HISTOGRAM_FRACTION -> {
        // Only native histograms have these; float series yield nothing.
        for (Expr a : call.args()) {
          EvalValue v = ev.eval(a, g);
          if (v instanceof StepVector sv) {
            ev.release(sv);
          }
        }
        return new StepVector(List.of());
      }
      case SORT, SORT_DESC -> {
        StepVector in = ev.vectorArg(call.args().get(0), g);
        if (g.n != 1) {
          return in;
        }
        boolean desc = f == Function.SORT_DESC;
        List<StepSeries> sorted = new ArrayList<>(in.series());
        sorted.sort(Comparator.comparing((StepSeries s) -> Double.isNaN(s.v[0])).thenComparing(
            (a, b) -> desc ? Double.compare(b.v[0], a.v[0]) : Double.compare(a.v[0], b.v[0])));
        return new StepVector(sorted);
      }
      default -> {
        return InstantFunctions.eval(ev, call, g);
      }
    }
  }

  private static EvalValue timestamp(Evaluator ev, Call call, StepGrid g) {
    Expr arg = call.args().get(0).unwrapParens();
    StepVector in;
    if (arg instanceof VectorSelector vs) {
      in = ev.selectVector(vs, g, true);
    } else {
      in = ev.vectorArg(arg, g);
    }
    OutputBuilder out = new OutputBuilder(g.n);
    for (StepSeries s : in.series()) {
      int idx = out.seriesFor(s.labels.withoutMetricName());
      for (int i = 0; i < g.n; i++) {
        if (s.has[i]) {
          long t = s.sampleTs != null ? s.sampleTs[i] : g.t(i);
          out.set(idx, i, t / 1000.0);
        }
      }
    }
    ev.release(in);
    StepVector res = out.build();
    ev.ctx.addSamples(res.points());
    return res;
  }

  /** One series {@code labels} with value 1 at every step where no input series is present. */
  static StepVector absent(List<boolean[]> inputs, Labels labels, StepGrid g) {
    StepSeries s = new StepSeries(labels, g.n);
    boolean any = false;
    for (int i = 0; i < g.n; i++) {
      boolean present = false;
      for (boolean[] h : inputs) {
        if (h[i]) {
          present = true;
          break;
        }
      }
      if (!present) {
        s.has[i] = true;
        s.v[i] = 1;
        any = true;
      }
    }
    return new StepVector(any ? List.of(s) : List.of());
  }

  /** The labels absent() and absent_over_time() report: the selector's unique equality matchers. */
  static Labels absentLabels(Expr arg) {
    Expr e = arg.unwrapParens();
    List<Matcher> matchers;
    if (e instanceof VectorSelector vs) {
      matchers = vs.matchers();
    } else if (e instanceof MatrixSelector ms) {
      matchers = ms.selector().matchers();
    } else {
      return Labels.EMPTY;
    }
    Labels.Builder b = Labels.builder();
    Set<String> empty = new HashSet<>();
    for (Matcher m : matchers) {
      if (m.name().equals(Label.METRIC_NAME)) {
        continue;
      }
      if (m.type() == MatchType.EQUAL && b.get(m.name()).isEmpty()) {
        b.set(m.name(), m.value());
      } else {
        empty.add(m.name());
      }
    }
    for (String n : empty) {
      b.delete(n);
    }
    return b.build();
  }
}
