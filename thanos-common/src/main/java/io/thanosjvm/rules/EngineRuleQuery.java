package io.thanosjvm.rules;

import io.thanosjvm.model.Labels;
import io.thanosjvm.promql.engine.Engine;
import io.thanosjvm.promql.engine.QueryResult;
import io.thanosjvm.promql.engine.ScalarValue;
import io.thanosjvm.promql.engine.VectorElement;
import io.thanosjvm.promql.engine.VectorValue;
import io.thanosjvm.promql.storage.Queryable;
import java.util.ArrayList;
import java.util.List;

/** Rule queries through the in-process PromQL engine, turning its result into a rule's instant vector. */
public final class EngineRuleQuery {

  private EngineRuleQuery() {}

  /**
   * Evaluates {@code expr} at {@code evalMillis} over {@code data}.
   *
   * @throws IllegalStateException when the result is neither a vector nor a scalar (Prometheus' text)
   */
  public static List<SeriesValue> instant(Engine engine, Queryable data, String expr, long evalMillis) {
    QueryResult r = engine.instantQuery(data, expr, evalMillis);
    return toVector(r);
  }

  /** A query result as a rule sees it: a vector as is, a scalar as one series without labels. */
  public static List<SeriesValue> toVector(QueryResult r) {
    if (r.value() instanceof VectorValue v) {
      List<SeriesValue> out = new ArrayList<>(v.elements().size());
      for (VectorElement e : v.elements()) {
        out.add(new SeriesValue(e.labels(), e.v()));
      }
      return out;
    }
    if (r.value() instanceof ScalarValue s) {
      return List.of(new SeriesValue(Labels.EMPTY, s.v()));
    }
    throw new IllegalStateException("rule result is not a vector or scalar");
  }
}
