package io.thanosjvm.promql.engine;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.model.StaleMarker;
import io.thanosjvm.promql.QueryExecutionException;
import io.thanosjvm.promql.ast.AggregateExpr;
import io.thanosjvm.promql.ast.AtModifier;
import io.thanosjvm.promql.ast.BinaryExpr;
import io.thanosjvm.promql.ast.Call;
import io.thanosjvm.promql.ast.Expr;
import io.thanosjvm.promql.ast.MatrixSelector;
import io.thanosjvm.promql.ast.NumberLiteral;
import io.thanosjvm.promql.ast.ParenExpr;
import io.thanosjvm.promql.ast.StringLiteral;
import io.thanosjvm.promql.ast.SubqueryExpr;
import io.thanosjvm.promql.ast.UnaryExpr;
import io.thanosjvm.promql.ast.VectorSelector;
import io.thanosjvm.promql.storage.ArraySampleIterator;
import io.thanosjvm.promql.storage.SelectHints;
import io.thanosjvm.promql.storage.Series;
import io.thanosjvm.promql.storage.SeriesSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Evaluates expression trees over a {@link StepGrid}; dispatches to the per-concern evaluators. */
final class Evaluator {

  final EvalContext ctx;
  private String hintFunction = "";
  private List<String> hintGrouping = List.of();
  private boolean hintBy;
  private long hintStep;
  private long[] loadTs = new long[256];
  private double[] loadVs = new double[256];

  Evaluator(EvalContext ctx, long step) {
    this.ctx = ctx;
    this.hintStep = step;
  }

  EvalValue eval(Expr e, StepGrid g) {
    ctx.tick();
    if (e instanceof NumberLiteral n) {
      double[] v = new double[g.n];
      Arrays.fill(v, n.value());
      return new StepScalar(v);
    } else if (e instanceof StringLiteral s) {
      return new StepString(s.value());
    } else if (e instanceof ParenExpr p) {
      return eval(p.inner(), g);
    } else if (e instanceof UnaryExpr u) {
      return unary(u, g);
    } else if (e instanceof VectorSelector vs) {
      return selectVector(vs, g, false);
    } else if (e instanceof MatrixSelector ms) {
      return selectMatrix(ms, g);
    } else if (e instanceof SubqueryExpr sq) {
      return subquery(sq, g);
    } else if (e instanceof Call c) {
      String saved = hintFunction;
      hintFunction = c.function().promName();
      try {
        return FunctionEval.eval(this, c, g);
      } finally {
        hintFunction = saved;
      }
    } else if (e instanceof AggregateExpr a) {
      List<String> savedGrouping = hintGrouping;
      boolean savedBy = hintBy;
      String savedFn = hintFunction;
      hintGrouping = a.grouping();
      hintBy = !a.without();
      hintFunction = a.op().promName();
      try {
        return AggregationEval.eval(this, a, g);
      } finally {
        hintGrouping = savedGrouping;
        hintBy = savedBy;
        hintFunction = savedFn;
      }
    } else if (e instanceof BinaryExpr b) {
      String savedFn = hintFunction;
      hintFunction = "";
      try {
        return BinaryEval.eval(this, b, g);
      } finally {
        hintFunction = savedFn;
      }
    }
    throw new IllegalStateException("unknown expression " + e);
  }

  /** Evaluates an argument that must be a scalar: one value per step. */
  double[] scalarArg(Expr e, StepGrid g) {
    EvalValue v = eval(e, g);
    if (v instanceof StepScalar s) {
      return s.v();
    }
    throw new QueryExecutionException("expected scalar, got " + v.getClass().getSimpleName());
  }

  /** Evaluates an expression that must be an instant vector. */
  StepVector vectorArg(Expr e, StepGrid g) {
    EvalValue v = eval(e, g);
    if (v instanceof StepVector s) {
      return s;
    }
    throw new QueryExecutionException("expected instant vector, got " + v.getClass().getSimpleName());
  }

  /**
   * Hands each series of an instant-vector expression to {@code sink}; range-vector functions stream their
   * output without materialising it (the series passed are only valid during the call).
   */
  void streamVector(Expr e, StepGrid g, java.util.function.Consumer<StepSeries> sink) {
    Expr u = e.unwrapParens();
    if (u instanceof Call c && c.function() != io.thanosjvm.promql.ast.Function.ABSENT_OVER_TIME
        && c.args().stream().map(Expr::unwrapParens)
            .anyMatch(a -> a instanceof MatrixSelector || a instanceof SubqueryExpr)) {
      String saved = hintFunction;
      hintFunction = c.function().promName();
      try {
        RangeFunctionEval.stream(this, c, g, sink);
      } finally {
        hintFunction = saved;
      }
      return;
    }
    StepVector v = vectorArg(e, g);
    v.series().forEach(sink);
    release(v);
  }

  void release(StepVector v) {
    ctx.releaseSamples(v.points());
  }

  private EvalValue unary(UnaryExpr u, StepGrid g) {
    EvalValue v = eval(u.expr(), g);
    if (!u.negate()) {
      return v;
    }
    if (v instanceof StepScalar s) {
      double[] out = new double[g.n];
      for (int i = 0; i < out.length; i++) {
        out[i] = -s.v()[i];
      }
      return new StepScalar(out);
    }
    StepVector vec = (StepVector) v;
    List<StepSeries> out = new ArrayList<>(vec.series().size());
    Set<Labels> seen = new HashSet<>();
    for (StepSeries s : vec.series()) {
      Labels l = s.labels.withoutMetricName();
      if (!seen.add(l)) {
        throw new QueryExecutionException(OutputBuilder.DUPLICATE);
      }
      double[] nv = new double[g.n];
      for (int i = 0; i < nv.length; i++) {
        nv[i] = -s.v[i];
      }
      out.add(new StepSeries(l, nv, s.has));
    }
    return new StepVector(out);
  }

  /** Per step, the time a selector or subquery looks at: its {@code @} time or the step, minus the offset. */
  long[] refTimes(AtModifier at, long offset, StepGrid g) {
    long[] ref = new long[g.n];
    for (int i = 0; i < g.n; i++) {
      long base = at != null ? at.resolve(ctx.queryStart, ctx.queryEnd) : g.t(i);
      ref[i] = base - offset;
    }
    return ref;
  }

  /**
   * Per step, where Prometheus 2.42 ends the window of an {@code @}-pinned range argument of a function that is
   * not step-invariant ({@code predict_linear}): it turns {@code @} into an offset from the evaluation's first step,
   * so the window slides with the steps from the {@code @} time on ({@code @ time - offset + (step - first step)})
   * instead of staying put.
   */
  long[] slidingRefTimes(AtModifier at, long offset, StepGrid g) {
    long[] ref = refTimes(at, offset, g);
    for (int i = 1; i < g.n; i++) {
      ref[i] = ref[0] + (g.t(i) - g.t(0));
    }
    return ref;
  }

  private SeriesSet select(VectorSelector vs, long mint, long maxt, long range) {
    ctx.check("query preparation");
    SelectHints hints = new SelectHints(mint, maxt, hintStep, hintFunction, range, hintGrouping, hintBy);
    return ctx.queryable.select(hints, vs.matchers());
  }

  /** Loads samples of {@code it} within [mint, maxt] into the load buffers; returns the count. */
  private int load(SampleIterator it, long mint, long maxt, boolean dropStale) {
    if (it instanceof ArraySampleIterator a) {
      int need = a.remaining();
      if (need > loadTs.length) {
        int cap = Math.max(need, loadTs.length * 2);
        loadTs = new long[cap];
        loadVs = new double[cap];
      }
      int n = a.drainWindow(mint, maxt, loadTs, loadVs);
      return dropStale ? dropStale(n) : n;
    }
    int n = 0;
    if (!it.seek(mint)) {
      return 0;
    }
    do {
      long t = it.atT();
      if (t > maxt) {
        break;
      }
      double v = it.atV();
      if (dropStale && StaleMarker.isStale(v)) {
        continue;
      }
      if (n == loadTs.length) {
        loadTs = Arrays.copyOf(loadTs, n * 2);
        loadVs = Arrays.copyOf(loadVs, n * 2);
      }
      loadTs[n] = t;
      loadVs[n] = v;
      n++;
    } while (it.next());
    return n;
  }

  /** Removes stale markers from the first {@code n} loaded samples; returns the new count. */
  private int dropStale(int n) {
    int out = 0;
    for (int i = 0; i < n; i++) {
      if (!StaleMarker.isStale(loadVs[i])) {
        loadTs[out] = loadTs[i];
        loadVs[out++] = loadVs[i];
      }
    }
    return out;
  }

  StepVector selectVector(VectorSelector vs, StepGrid g, boolean wantSampleTimestamps) {
    List<StepSeries> out = new ArrayList<>();
    if (g.n == 0) {
      return new StepVector(out);
    }
    long[] ref = refTimes(vs.at(), vs.offsetMillis(), g);
    long mint = ref[0] - ctx.lookback;
    long maxt = ref[g.n - 1];
    long points = 0;
    try (SeriesSet set = select(vs, mint, maxt, 0)) {
      while (set.next()) {
        ctx.tick();
        Series series = set.at();
        int cnt = load(series.iterator(), mint, maxt, false);
        if (cnt == 0) {
          continue;
        }
        StepSeries s = new StepSeries(series.labels(), g.n);
        if (wantSampleTimestamps) {
          s.sampleTs = new long[g.n];
        }
        int j = -1;
        int present = 0;
        for (int i = 0; i < g.n; i++) {
          long r = ref[i];
          while (j + 1 < cnt && loadTs[j + 1] <= r) {
            j++;
          }
          if (j >= 0 && loadTs[j] >= r - ctx.lookback && !StaleMarker.isStale(loadVs[j])) {
            s.has[i] = true;
            s.v[i] = loadVs[j];
            if (s.sampleTs != null) {
              s.sampleTs[i] = loadTs[j];
            }
            present++;
          }
        }
        if (present > 0) {
          out.add(s);
          points += present;
          ctx.addSamples(present);
        }
      }
      set.warnings().forEach(ctx::warn);
    }
    return new StepVector(out);
  }

  StepMatrix selectMatrix(MatrixSelector ms, StepGrid g) {
    List<RangeSeries> out = new ArrayList<>();
    long[] ref = streamMatrix(ms, g, s -> out.add(new RangeSeries(s.labels, Arrays.copyOf(s.ts, s.n),
        Arrays.copyOf(s.vs, s.n), s.n)));
    return new StepMatrix(out, ref, ms.rangeMillis());
  }

  /**
   * Streams the series of a range selector, one at a time, without copying: the {@link RangeSeries} handed to
   * {@code sink} shares reusable buffers and is only valid during the call.
   *
   * @return the per-step reference times of the windows
   */
  long[] streamMatrix(MatrixSelector ms, StepGrid g, java.util.function.Consumer<RangeSeries> sink) {
    VectorSelector vs = ms.selector();
    long[] ref = refTimes(vs.at(), vs.offsetMillis(), g);
    streamMatrix(ms, g, ref, g.n == 0 ? 0 : ref[g.n - 1], sink);
    return ref;
  }

  /**
   * As {@link #streamMatrix(MatrixSelector, StepGrid, java.util.function.Consumer)} with the windows ending at
   * {@code ref} and no sample after {@code maxt} read (Prometheus selects an {@code @}-pinned range only up to the
   * {@code @} time, whatever the windows).
   */
  void streamMatrix(MatrixSelector ms, StepGrid g, long[] ref, long maxt,
      java.util.function.Consumer<RangeSeries> sink) {
    VectorSelector vs = ms.selector();
    if (g.n == 0) {
      return;
    }
    long mint = ref[0] - ms.rangeMillis();
    try (SeriesSet set = select(vs, mint, maxt, ms.rangeMillis())) {
      while (set.next()) {
        ctx.tick();
        Series series = set.at();
        int cnt = load(series.iterator(), mint, maxt, true);
        if (cnt == 0) {
          continue;
        }
        sink.accept(new RangeSeries(series.labels(), loadTs, loadVs, cnt));
      }
      set.warnings().forEach(ctx::warn);
    }
  }

  StepMatrix subquery(SubqueryExpr sq, StepGrid g) {
    return subquery(sq, g, refTimes(sq.at(), sq.offsetMillis(), g));
  }

  /** A subquery whose windows end at {@code ref} (one per step of {@code g}). */
  StepMatrix subquery(SubqueryExpr sq, StepGrid g, long[] ref) {
    List<RangeSeries> out = new ArrayList<>();
    if (g.n == 0) {
      return new StepMatrix(out, ref, sq.rangeMillis());
    }
    long step = sq.stepMillis() > 0 ? sq.stepMillis() : ctx.options.defaultSubqueryStep().toMillis();
    long first = ref[0] - sq.rangeMillis();
    long start = Math.floorDiv(first, step) * step;
    if (start < first) {
      start += step;
    }
    StepGrid inner = new StepGrid(start, ref[g.n - 1], step);
    String savedFn = hintFunction;
    List<String> savedGrouping = hintGrouping;
    boolean savedBy = hintBy;
    long savedStep = hintStep;
    hintFunction = "";
    hintGrouping = List.of();
    hintBy = false;
    hintStep = step;
    StepVector v;
    try {
      v = vectorArg(sq.expr(), inner);
    } finally {
      hintFunction = savedFn;
      hintGrouping = savedGrouping;
      hintBy = savedBy;
      hintStep = savedStep;
    }
    for (StepSeries s : v.series()) {
      int cnt = s.count();
      long[] ts = new long[cnt];
      double[] vs = new double[cnt];
      int k = 0;
      for (int i = 0; i < inner.n; i++) {
        if (s.has[i]) {
          ts[k] = inner.t(i);
          vs[k++] = s.v[i];
        }
      }
      out.add(new RangeSeries(s.labels, ts, vs, cnt));
    }
    return new StepMatrix(out, ref, sq.rangeMillis());
  }
}
