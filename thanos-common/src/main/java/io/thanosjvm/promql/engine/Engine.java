package io.thanosjvm.promql.engine;

import io.thanosjvm.model.Labels;
import io.thanosjvm.promql.PromqlException;
import io.thanosjvm.promql.QueryExecutionException;
import io.thanosjvm.promql.ast.Expr;
import io.thanosjvm.promql.ast.ValueType;
import io.thanosjvm.promql.parser.PromqlParser;
import io.thanosjvm.promql.storage.Queryable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The PromQL engine: parses and evaluates instant and range queries over a {@link Queryable} with
 * Prometheus 2.42 semantics. Thread-safe; each query has its own state.
 */
public final class Engine {

  private final EngineOptions options;

  /** An engine with the given options. */
  public Engine(EngineOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /** The engine's options. */
  public EngineOptions options() {
    return options;
  }

  /**
   * Evaluates {@code query} at {@code timeMillis}.
   *
   * @throws PromqlException (parse error, execution error, too many samples, timeout, canceled)
   */
  public QueryResult instantQuery(Queryable queryable, String query, long timeMillis) {
    return instantQuery(queryable, PromqlParser.parse(query), timeMillis, null);
  }

  /** Evaluates a parsed expression at {@code timeMillis}; {@code control} may be null. */
  public QueryResult instantQuery(Queryable queryable, Expr expr, long timeMillis, QueryControl control) {
    EvalContext ctx = new EvalContext(queryable, options, timeMillis, timeMillis, control);
    StepGrid grid = new StepGrid(timeMillis, timeMillis, 1);
    EvalValue v = run(ctx, expr, grid, 0);
    QueryValue out;
    if (v instanceof StepScalar s) {
      out = new ScalarValue(timeMillis, s.v()[0]);
    } else if (v instanceof StepString s) {
      out = new StringValue(timeMillis, s.v());
    } else if (v instanceof StepVector vec) {
      List<VectorElement> el = new ArrayList<>();
      for (StepSeries s : vec.series()) {
        if (s.has[0]) {
          el.add(new VectorElement(s.labels, timeMillis, s.v[0]));
        }
      }
      out = new VectorValue(el);
    } else {
      out = matrixAtStep((StepMatrix) v);
    }
    return new QueryResult(out, ctx.warnings());
  }

  /**
   * Evaluates {@code query} at every step from start to end (inclusive), all in milliseconds.
   *
   * @throws PromqlException (parse error, execution error, too many samples, timeout, canceled)
   */
  public QueryResult rangeQuery(Queryable queryable, String query, long start, long end, long step) {
    return rangeQuery(queryable, PromqlParser.parse(query), start, end, step, null);
  }

  /** Evaluates a parsed expression as a range query; {@code control} may be null. */
  public QueryResult rangeQuery(Queryable queryable, Expr expr, long start, long end, long step,
      QueryControl control) {
    if (step <= 0) {
      throw new QueryExecutionException("zero or negative query resolution step widths are not accepted");
    }
    if (end < start) {
      throw new QueryExecutionException("end timestamp must not be before start time");
    }
    ValueType t = expr.type();
    if (t != ValueType.SCALAR && t != ValueType.VECTOR) {
      throw new QueryExecutionException("invalid expression type \"" + t.promName()
          + "\" for range query, must be Scalar or instant Vector");
    }
    EvalContext ctx = new EvalContext(queryable, options, start, end, control);
    StepGrid grid = new StepGrid(start, end, step);
    EvalValue v = run(ctx, expr, grid, step);
    List<MatrixSeries> series = new ArrayList<>();
    if (v instanceof StepScalar s) {
      long[] ts = new long[grid.n];
      for (int i = 0; i < grid.n; i++) {
        ts[i] = grid.t(i);
      }
      series.add(new MatrixSeries(Labels.EMPTY, ts, s.v().clone()));
    } else {
      for (StepSeries s : ((StepVector) v).series()) {
        int c = s.count();
        if (c == 0) {
          continue;
        }
        long[] ts = new long[c];
        double[] vs = new double[c];
        int k = 0;
        for (int i = 0; i < grid.n; i++) {
          if (s.has[i]) {
            ts[k] = grid.t(i);
            vs[k++] = s.v[i];
          }
        }
        series.add(new MatrixSeries(s.labels, ts, vs));
      }
      series.sort((a, b) -> a.labels().compareTo(b.labels()));
    }
    return new QueryResult(new MatrixValue(series), ctx.warnings());
  }

  private static EvalValue run(EvalContext ctx, Expr expr, StepGrid grid, long step) {
    ctx.check("query preparation");
    try {
      EvalValue v = new Evaluator(ctx, step).eval(expr, grid);
      ctx.check("expression evaluation");
      return v;
    } catch (PromqlException e) {
      throw e;
    } catch (StackOverflowError e) {
      throw new QueryExecutionException("query too deeply nested", e);
    } catch (RuntimeException e) {
      throw new QueryExecutionException("unexpected error: " + e, e);
    }
  }

  private static MatrixValue matrixAtStep(StepMatrix m) {
    List<MatrixSeries> out = new ArrayList<>();
    long maxt = m.refT()[0];
    long mint = maxt - m.range();
    for (RangeSeries s : m.series()) {
      int lo = 0;
      while (lo < s.n && s.ts[lo] < mint) {
        lo++;
      }
      int hi = lo;
      while (hi < s.n && s.ts[hi] <= maxt) {
        hi++;
      }
      if (hi > lo) {
        out.add(new MatrixSeries(s.labels, java.util.Arrays.copyOfRange(s.ts, lo, hi),
            java.util.Arrays.copyOfRange(s.vs, lo, hi)));
      }
    }
    out.sort((a, b) -> a.labels().compareTo(b.labels()));
    return new MatrixValue(out);
  }
}
