package io.thanosjvm.queryfrontend;

import io.thanosjvm.promql.PromqlException;
import io.thanosjvm.promql.ast.AggregateExpr;
import io.thanosjvm.promql.ast.AtModifier;
import io.thanosjvm.promql.ast.BinaryExpr;
import io.thanosjvm.promql.ast.Call;
import io.thanosjvm.promql.ast.Expr;
import io.thanosjvm.promql.ast.MatrixSelector;
import io.thanosjvm.promql.ast.ParenExpr;
import io.thanosjvm.promql.ast.SubqueryExpr;
import io.thanosjvm.promql.ast.UnaryExpr;
import io.thanosjvm.promql.ast.VectorSelector;
import io.thanosjvm.promql.parser.PromqlParser;

/**
 * What the {@code @} modifiers of a query mean for splitting and caching. A query using {@code @ start()} or
 * {@code @ end()} depends on the whole request's range, so it is neither split nor cached; a query with a fixed
 * {@code @} timestamp may only be cached while that timestamp is outside the freshness window. A query that does
 * not parse is left to the downstream to refuse (not split, not cached).
 *
 * @param parsed whether the query parsed
 * @param startOrEnd whether any {@code @ start()} or {@code @ end()} is used
 * @param latestTimestamp the latest fixed {@code @} timestamp in ms, or {@link Long#MIN_VALUE} for none
 */
public record AtModifiers(boolean parsed, boolean startOrEnd, long latestTimestamp) {

  private static final AtModifiers NONE = new AtModifiers(true, false, Long.MIN_VALUE);

  /** The modifiers of {@code query}. */
  public static AtModifiers of(String query) {
    if (query.indexOf('@') < 0) {
      return NONE; // no modifier possible; parse errors are the downstream's to report
    }
    try {
      AtModifiers[] acc = {NONE};
      walk(PromqlParser.parse(query), acc);
      return acc[0];
    } catch (PromqlException | IllegalArgumentException e) {
      return new AtModifiers(false, false, Long.MIN_VALUE);
    }
  }

  /** Whether sub-queries of a split answer the same as the whole query. */
  public boolean splittable() {
    return parsed && !startOrEnd;
  }

  /** Whether the results may be cached when everything up to {@code maxCacheTime} is final. */
  public boolean cacheable(long maxCacheTime) {
    return parsed && !startOrEnd && latestTimestamp <= maxCacheTime;
  }

  private static void walk(Expr e, AtModifiers[] acc) {
    if (e instanceof VectorSelector v) {
      note(v.at(), acc);
    } else if (e instanceof MatrixSelector m) {
      note(m.selector().at(), acc);
    } else if (e instanceof SubqueryExpr s) {
      note(s.at(), acc);
      walk(s.expr(), acc);
    } else if (e instanceof Call c) {
      c.args().forEach(a -> walk(a, acc));
    } else if (e instanceof AggregateExpr a) {
      if (a.param() != null) {
        walk(a.param(), acc);
      }
      walk(a.expr(), acc);
    } else if (e instanceof BinaryExpr b) {
      walk(b.lhs(), acc);
      walk(b.rhs(), acc);
    } else if (e instanceof UnaryExpr u) {
      walk(u.expr(), acc);
    } else if (e instanceof ParenExpr p) {
      walk(p.inner(), acc);
    }
  }

  private static void note(AtModifier at, AtModifiers[] acc) {
    if (at == null) {
      return;
    }
    AtModifiers a = acc[0];
    acc[0] = at.kind() == AtModifier.Kind.TIMESTAMP
        ? new AtModifiers(true, a.startOrEnd, Math.max(a.latestTimestamp, at.timestampMillis()))
        : new AtModifiers(true, true, a.latestTimestamp);
  }
}
