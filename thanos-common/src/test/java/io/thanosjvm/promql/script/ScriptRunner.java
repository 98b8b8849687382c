package io.thanosjvm.promql.script;

import io.thanosjvm.model.Labels;
import io.thanosjvm.promql.PromqlException;
import io.thanosjvm.promql.ast.AggregateExpr;
import io.thanosjvm.promql.ast.AtModifier;
import io.thanosjvm.promql.ast.BinaryExpr;
import io.thanosjvm.promql.ast.Call;
import io.thanosjvm.promql.ast.Expr;
import io.thanosjvm.promql.ast.Function;
import io.thanosjvm.promql.ast.MatrixSelector;
import io.thanosjvm.promql.ast.ParenExpr;
import io.thanosjvm.promql.ast.SubqueryExpr;
import io.thanosjvm.promql.ast.UnaryExpr;
import io.thanosjvm.promql.ast.VectorSelector;
import io.thanosjvm.promql.engine.Engine;
import io.thanosjvm.promql.engine.EngineOptions;
import io.thanosjvm.promql.engine.MatrixSeries;
import io.thanosjvm.promql.engine.MatrixValue;
import io.thanosjvm.promql.engine.QueryResult;
import io.thanosjvm.promql.engine.QueryValue;
import io.thanosjvm.promql.engine.ScalarValue;
import io.thanosjvm.promql.engine.VectorElement;
import io.thanosjvm.promql.engine.VectorValue;
import io.thanosjvm.promql.parser.PromqlParser;
import io.thanosjvm.promql.storage.InMemoryQueryable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one eval of a test script the way the Prometheus 2.42 runner does: the instant query, its range-mode
 * re-check, and the {@code @}-modifier variants (each with its own range-mode re-check).
 */
public final class ScriptRunner {

  /** The engine settings of the 2.42 runner. */
  public static final EngineOptions OPTIONS = EngineOptions.defaults().withMaxSamples(10_000)
      .withTimeout(Duration.ofSeconds(100));

  private static final Set<Function> AT_UNSAFE = Set.of(Function.TIME, Function.TIMESTAMP, Function.PREDICT_LINEAR,
      Function.DAYS_IN_MONTH, Function.DAY_OF_MONTH, Function.DAY_OF_WEEK, Function.DAY_OF_YEAR, Function.HOUR,
      Function.MINUTE, Function.MONTH, Function.YEAR);

  private final Engine engine = new Engine(OPTIONS);

  /** Builds a store from the loads in effect. */
  public static InMemoryQueryable store(List<ScriptCommand.Load> loads) {
    InMemoryQueryable q = new InMemoryQueryable();
    for (ScriptCommand.Load l : loads) {
      for (ScriptCommand.LoadedSeries s : l.series()) {
        for (int i = 0; i < s.ts().length; i++) {
          q.append(s.labels(), s.ts()[i], s.vs()[i]);
        }
      }
    }
    return q;
  }

  /**
   * Runs the eval and its variants; returns the number of query checks made.
   *
   * @throws AssertionError describing the first mismatch
   */
  public int run(ScriptCommand.Eval eval, InMemoryQueryable store) {
    int checks = 0;
    List<Object[]> cases = new ArrayList<>();
    cases.add(new Object[] {eval.expr(), eval.timeMillis()});
    Expr parsed = PromqlParser.parse(eval.expr());
    if (!containsAtUnsafe(parsed)) {
      long ts = eval.timeMillis();
      String rewritten = withAt(parsed, ts, false).toString();
      long[] times = ts == 0 ? new long[] {-1000, 0, 1000} : new long[] {-10 * ts, 0, ts / 5, ts, 10 * ts};
      for (long t : times) {
        cases.add(new Object[] {rewritten, t});
      }
    }
    for (Object[] c : cases) {
      checks += runOne(eval, store, (String) c[0], (Long) c[1]);
    }
    return checks;
  }

  private int runOne(ScriptCommand.Eval eval, InMemoryQueryable store, String expr, long t) {
    String where = "query " + expr + " at " + t + "ms (line " + eval.line() + ")";
    QueryResult res;
    try {
      res = engine.instantQuery(store, expr, t);
    } catch (PromqlException e) {
      if (eval.fail()) {
        return 1;
      }
      throw new AssertionError("error evaluating " + where + ": " + e.getMessage(), e);
    }
    if (eval.fail()) {
      throw new AssertionError("expected error evaluating " + where + " but got none");
    }
    compare(eval, res.value(), where, eval.ordered());
    QueryResult range;
    try {
      range = engine.rangeQuery(store, expr, t - 60_000, t + 60_000, 60_000);
    } catch (PromqlException e) {
      throw new AssertionError("error evaluating " + where + " in range mode: " + e.getMessage(), e);
    }
    if (eval.ordered()) {
      return 2;
    }
    List<VectorElement> atT = new ArrayList<>();
    for (MatrixSeries s : ((MatrixValue) range.value()).series()) {
      for (int i = 0; i < s.timestamps().length; i++) {
        if (s.timestamps()[i] == t) {
          atT.add(new VectorElement(s.labels(), t, s.values()[i]));
          break;
        }
      }
    }
    if (res.value() instanceof ScalarValue) {
      if (atT.isEmpty()) {
        throw new AssertionError("range mode of " + where + " has no point at t");
      }
      compare(eval, new ScalarValue(t, atT.get(0).v()), where + " in range mode", false);
    } else {
      compare(eval, new VectorValue(atT), where + " in range mode", false);
    }
    return 2;
  }

  private static void compare(ScriptCommand.Eval eval, QueryValue v, String where, boolean ordered) {
    if (v instanceof ScalarValue s) {
      if (eval.scalar() == null) {
        throw new AssertionError(where + ": got scalar " + s.v() + ", expected a vector");
      }
      if (!almostEqual(eval.scalar(), s.v())) {
        throw new AssertionError(where + ": expected scalar " + eval.scalar() + " but got " + s.v());
      }
      return;
    }
    if (!(v instanceof VectorValue vec)) {
      throw new AssertionError(where + ": unexpected result type " + v.getClass().getSimpleName());
    }
    Map<Labels, Integer> pos = new HashMap<>();
    for (int i = 0; i < eval.expected().size(); i++) {
      pos.put(eval.expected().get(i).labels(), i);
    }
    if (eval.scalar() != null) {
      throw new AssertionError(where + ": expected scalar " + eval.scalar() + " but got vector " + vec.elements());
    }
    Set<Labels> seen = new java.util.HashSet<>();
    for (int i = 0; i < vec.elements().size(); i++) {
      VectorElement e = vec.elements().get(i);
      Integer p = pos.get(e.labels());
      if (p == null) {
        throw new AssertionError(where + ": unexpected metric " + e.labels() + " in result " + vec.elements());
      }
      if (ordered && p != i) {
        throw new AssertionError(where + ": expected metric " + e.labels() + " at position " + (p + 1)
            + " but was at " + (i + 1) + ": " + vec.elements());
      }
      double exp = eval.expected().get(p).value();
      if (!almostEqual(exp, e.v())) {
        throw new AssertionError(where + ": expected " + exp + " for " + e.labels() + " but got " + e.v());
      }
      seen.add(e.labels());
    }
    for (ScriptCommand.Expected e : eval.expected()) {
      if (!seen.contains(e.labels())) {
        throw new AssertionError(where + ": expected metric " + e.labels() + " with " + e.value() + " not found in "
            + vec.elements());
      }
    }
  }

  /** Prometheus' test comparison: NaN equals NaN, else a relative tolerance of 1e-6. */
  public static boolean almostEqual(double a, double b) {
    double minNormal = 2.2250738585072014e-308;
    double epsilon = 0.000001;
    if (Double.isNaN(a) && Double.isNaN(b)) {
      return true;
    }
    if (a == b) {
      return true;
    }
    double diff = Math.abs(a - b);
    if (a == 0 || b == 0 || diff < minNormal) {
      return diff < epsilon * minNormal;
    }
    return diff / (Math.abs(a) + Math.abs(b)) < epsilon;
  }

  private static boolean containsAtUnsafe(Expr e) {
    if (e instanceof Call c) {
      if (AT_UNSAFE.contains(c.function())) {
        return true;
      }
      return c.args().stream().anyMatch(ScriptRunner::containsAtUnsafe);
    }
    if (e instanceof ParenExpr p) {
      return containsAtUnsafe(p.inner());
    }
    if (e instanceof UnaryExpr u) {
      return containsAtUnsafe(u.expr());
    }
    if (e instanceof BinaryExpr b) {
      return containsAtUnsafe(b.lhs()) || containsAtUnsafe(b.rhs());
    }
    if (e instanceof AggregateExpr a) {
      return containsAtUnsafe(a.expr()) || (a.param() != null && containsAtUnsafe(a.param()));
    }
    if (e instanceof SubqueryExpr s) {
      return containsAtUnsafe(s.expr());
    }
    return false;
  }

  /** Adds {@code @ ts} to every selector and subquery lacking one, not descending into subqueries. */
  static Expr withAt(Expr e, long ts, boolean insideSubquery) {
    if (insideSubquery) {
      return e;
    }
    AtModifier at = AtModifier.at(ts);
    if (e instanceof VectorSelector vs) {
      return vs.at() != null ? vs : vs.withModifiers(vs.offsetMillis(), at);
    }
    if (e instanceof MatrixSelector ms) {
      VectorSelector vs = ms.selector();
      return vs.at() != null ? ms : new MatrixSelector(vs.withModifiers(vs.offsetMillis(), at), ms.rangeMillis());
    }
    if (e instanceof SubqueryExpr sq) {
      return sq.at() != null ? sq : sq.withModifiers(sq.offsetMillis(), at);
    }
    if (e instanceof Call c) {
      return new Call(c.function(), c.args().stream().map(a -> withAt(a, ts, false)).toList());
    }
    if (e instanceof ParenExpr p) {
      return new ParenExpr(withAt(p.inner(), ts, false));
    }
    if (e instanceof UnaryExpr u) {
      return new UnaryExpr(u.negate(), withAt(u.expr(), ts, false));
    }
    if (e instanceof BinaryExpr b) {
      return new BinaryExpr(b.op(), withAt(b.lhs(), ts, false), withAt(b.rhs(), ts, false), b.matching(),
          b.returnBool());
    }
    if (e instanceof AggregateExpr a) {
      return new AggregateExpr(a.op(), a.param() == null ? null : withAt(a.param(), ts, false),
          withAt(a.expr(), ts, false), a.grouping(), a.without());
    }
    return e;
  }
}
