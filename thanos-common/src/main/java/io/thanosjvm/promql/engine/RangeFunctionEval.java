package io.thanosjvm.promql.engine;

import io.thanosjvm.model.Labels;
import io.thanosjvm.promql.QueryExecutionException;
import io.thanosjvm.promql.ast.Call;
import io.thanosjvm.promql.ast.Expr;
import io.thanosjvm.promql.ast.Function;
import io.thanosjvm.promql.ast.MatrixSelector;
import io.thanosjvm.promql.ast.SubqueryExpr;
import io.thanosjvm.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Functions over range vectors (rate, *_over_time, ...). For each series the window of every step is a
 * contiguous slice of its sample arrays, found with two forward-moving cursors: no copying per step.
 */
final class RangeFunctionEval {

  private RangeFunctionEval() {}

  static EvalValue eval(Evaluator ev, Call call, StepGrid g) {
    return run(ev, call, g, null);
  }

  /**
   * Evaluates the call and hands each output series to {@code sink} as soon as it is computed, without
   * materialising the vector. The series passed share buffers: valid only during the call.
   */
  static void stream(Evaluator ev, Call call, StepGrid g, java.util.function.Consumer<StepSeries> sink) {
    run(ev, call, g, sink);
  }

  private static EvalValue run(Evaluator ev, Call call, StepGrid g, java.util.function.Consumer<StepSeries> sink) {
    Function f = call.function();
    int matrixIdx = -1;
    for (int i = 0; i < call.args().size(); i++) {
      Expr u = call.args().get(i).unwrapParens();
      if (u instanceof MatrixSelector || u instanceof SubqueryExpr) {
        matrixIdx = i;
        break;
      }
    }
    double[][] scalars = new double[call.args().size()][];
    for (int i = 0; i < call.args().size(); i++) {
      if (i != matrixIdx) {
        scalars[i] = ev.scalarArg(call.args().get(i), g);
      }
    }
    Expr matrixExpr = call.args().get(matrixIdx).unwrapParens();
    boolean absentOverTime = f == Function.ABSENT_OVER_TIME;
    int minPoints = switch (f) {
      case RATE, INCREASE, DELTA, IRATE, IDELTA, DERIV, PREDICT_LINEAR, HOLT_WINTERS -> 2;
      default -> 1;
    };
    boolean keepName = f == Function.LAST_OVER_TIME;
    List<StepSeries> out = new ArrayList<>();
    List<boolean[]> present = new ArrayList<>();
    Set<Labels> seen = new HashSet<>();
    RangeFunctions fn = new RangeFunctions();
    long[][] refHolder = new long[1][];
    java.util.function.Consumer<RangeSeries> perSeries = s -> {
      long[] ref = refHolder[0];
      if (absentOverTime) {
        boolean[] has = new boolean[g.n];
        forEachWindow(s, ref, matrixRange(matrixExpr), g, (i, lo, hi) -> has[i] = hi > lo);
        present.add(has);
        return;
      }
      StepSeries o = evalSeries(ev, f, fn, s, ref, matrixRange(matrixExpr), minPoints, keepName, scalars, g,
          sink != null);
      if (o != null) {
        if (!seen.add(o.labels)) {
          throw new QueryExecutionException(OutputBuilder.DUPLICATE);
        }
        if (sink != null) {
          sink.accept(o);
        } else {
          out.add(o);
          ev.ctx.addSamples(o.count());
        }
      }
    };
    // predict_linear is not step-invariant in Prometheus 2.42: an @ on its range argument slides with the steps
    boolean sliding = f == Function.PREDICT_LINEAR && g.n > 1;
    if (matrixExpr instanceof MatrixSelector ms) {
      VectorSelector vs = ms.selector();
      if (sliding && vs.at() != null) {
        long[] ref = ev.slidingRefTimes(vs.at(), vs.offsetMillis(), g);
        refHolder[0] = ref;
        ev.streamMatrix(ms, g, ref, ref[0], perSeries);
      } else {
        refHolder[0] = ev.refTimes(vs.at(), vs.offsetMillis(), g);
        ev.streamMatrix(ms, g, perSeries);
      }
    } else if (sliding && matrixExpr instanceof SubqueryExpr sq && sq.at() != null) {
      StepMatrix m = ev.subquery(sq, g, ev.slidingRefTimes(sq.at(), sq.offsetMillis(), g));
      refHolder[0] = m.refT();
      m.series().forEach(perSeries);
    } else {
      StepMatrix m = (StepMatrix) ev.eval(matrixExpr, g);
      refHolder[0] = m.refT();
      m.series().forEach(perSeries);
    }
    if (absentOverTime) {
      return FunctionEval.absent(present, FunctionEval.absentLabels(call.args().get(matrixIdx)), g);
    }
    return new StepVector(out);
  }

  private static long matrixRange(Expr matrixExpr) {
    return matrixExpr instanceof MatrixSelector ms ? ms.rangeMillis() : ((SubqueryExpr) matrixExpr).rangeMillis();
  }

  private static StepSeries evalSeries(Evaluator ev, Function f, RangeFunctions fn, RangeSeries s, long[] ref,
      long range, int minPoints, boolean keepName, double[][] scalars, StepGrid g, boolean reuse) {
    ev.ctx.tick();
    StepSeries o = null;
    if (reuse) {
      fn.resetBuffers(g.n);
    }
    PairCounts pairs = fn.pairs;
    if (f == Function.RATE || f == Function.INCREASE || f == Function.RESETS) {
      pairs.indexResets(s.vs, s.n);
    } else if (f == Function.CHANGES) {
      pairs.indexChanges(s.vs, s.n);
    }
    long maxSamples = ev.ctx.options.maxSamples();
    int lo = 0;
    int hi = 0;
    for (int i = 0; i < g.n; i++) {
      long maxt = ref[i];
      long mint = maxt - range;
      if (i > 0 && ref[i] < ref[i - 1]) {
        lo = 0;
        hi = 0;
      }
      while (lo < s.n && s.ts[lo] < mint) {
        lo++;
      }
      if (hi < lo) {
        hi = lo;
      }
      while (hi < s.n && s.ts[hi] <= maxt) {
        hi++;
      }
      if (hi - lo < minPoints) {
        continue;
      }
      if (hi - lo > maxSamples) {
        throw new io.thanosjvm.promql.TooManySamplesException();
      }
      double v = switch (f) {
        case RATE -> fn.extrapolatedRate(s.ts, s.vs, lo, hi, mint, maxt, true, true, pairs.inWindow(lo, hi) > 0);
        case INCREASE -> fn.extrapolatedRate(s.ts, s.vs, lo, hi, mint, maxt, true, false, pairs.inWindow(lo, hi) > 0);
        case DELTA -> fn.extrapolatedRate(s.ts, s.vs, lo, hi, mint, maxt, false, false, false);
        case IRATE -> fn.instantValue(s.ts, s.vs, lo, hi, true);
        case IDELTA -> fn.instantValue(s.ts, s.vs, lo, hi, false);
        case DERIV -> fn.linearRegression(s.ts, s.vs, lo, hi, s.ts[lo])[0];
        case PREDICT_LINEAR -> {
          double[] r = fn.linearRegression(s.ts, s.vs, lo, hi, g.t(i));
          yield r[1] + r[0] * scalars[1][i];
        }
        case HOLT_WINTERS -> fn.holtWinters(s.vs, lo, hi, scalars[1][i], scalars[2][i]);
        case AVG_OVER_TIME -> fn.avg(s.vs, lo, hi);
        case SUM_OVER_TIME -> fn.sum(s.vs, lo, hi);
        case COUNT_OVER_TIME -> hi - lo;
        case MIN_OVER_TIME -> fn.min(s.vs, lo, hi);
        case MAX_OVER_TIME -> fn.max(s.vs, lo, hi);
        case LAST_OVER_TIME -> s.vs[hi - 1];
        case PRESENT_OVER_TIME -> 1;
        case STDDEV_OVER_TIME -> Math.sqrt(fn.variance(s.vs, lo, hi));
        case STDVAR_OVER_TIME -> fn.variance(s.vs, lo, hi);
        case QUANTILE_OVER_TIME -> fn.quantile(scalars[0][i], s.vs, lo, hi);
        case CHANGES, RESETS -> pairs.inWindow(lo, hi);
        default -> throw new QueryExecutionException("function " + f.promName() + " does not take a range vector");
      };
      if (o == null) {
        Labels l = keepName ? s.labels : s.labels.withoutMetricName();
        o = reuse ? new StepSeries(l, fn.bufV, fn.bufHas) : new StepSeries(l, g.n);
      }
      o.has[i] = true;
      o.v[i] = v;
    }
    return o;
  }

  /** Receives the window {@code [lo, hi)} of step i. */
  @FunctionalInterface
  interface WindowConsumer {
    void accept(int step, int lo, int hi);
  }

  /** Calls {@code c} for every step with the slice of samples in {@code [ref-range, ref]}. */
  static void forEachWindow(RangeSeries s, long[] ref, long range, StepGrid g, WindowConsumer c) {
    int lo = 0;
    int hi = 0;
    for (int i = 0; i < g.n; i++) {
      long maxt = ref[i];
      long mint = maxt - range;
      if (i > 0 && ref[i] < ref[i - 1]) {
        lo = 0;
        hi = 0;
      }
      while (lo < s.n && s.ts[lo] < mint) {
        lo++;
      }
      if (hi < lo) {
        hi = lo;
      }
      while (hi < s.n && s.ts[hi] <= maxt) {
        hi++;
      }
      c.accept(i, lo, hi);
    }
  }
}
