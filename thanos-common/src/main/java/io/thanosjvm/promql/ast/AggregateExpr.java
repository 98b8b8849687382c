package io.thanosjvm.promql.ast;

import java.util.List;
import java.util.Objects;

/**
 * An aggregation such as {@code sum by (job) (x)} or {@code topk(3, x)}.
 *
 * @param op the operator
 * @param param the parameter for topk/bottomk/quantile/count_values, else null
 * @param expr the aggregated expression
 * @param grouping the labels of {@code by} or {@code without}
 * @param without whether the grouping is {@code without}
 */
public record AggregateExpr(AggregateOp op, Expr param, Expr expr, List<String> grouping, boolean without)
    implements Expr {

  /** Validates and copies. */
  public AggregateExpr {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(expr, "expr");
    grouping = List.copyOf(grouping);
  }

  @Override
  public ValueType type() {
    return ValueType.VECTOR;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(op.promName());
    if (without) {
      sb.append(" without (").append(String.join(", ", grouping)).append(") ");
    } else if (!grouping.isEmpty()) {
      sb.append(" by (").append(String.join(", ", grouping)).append(") ");
    }
    sb.append('(');
    if (param != null) {
      sb.append(param).append(", ");
    }
    return sb.append(expr).append(')').toString();
  }
}
