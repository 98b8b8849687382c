package io.thanosjvm.promql.ast;

import io.thanosjvm.model.PromDuration;
import java.util.Objects;

/**
 * A subquery {@code expr[range:step]}.
 *
 * @param expr the instant-vector expression evaluated at each subquery step
 * @param rangeMillis the range
 * @param stepMillis the step, or 0 for the engine's default
 * @param offsetMillis the offset
 * @param at the {@code @} modifier, or null
 */
public record SubqueryExpr(Expr expr, long rangeMillis, long stepMillis, long offsetMillis, AtModifier at)
    implements Expr {

  /** Validates. */
  public SubqueryExpr {
    Objects.requireNonNull(expr, "expr");
  }

  /** The same subquery with different modifiers. */
  public SubqueryExpr withModifiers(long newOffsetMillis, AtModifier newAt) {
    return new SubqueryExpr(expr, rangeMillis, stepMillis, newOffsetMillis, newAt);
  }

  @Override
  public ValueType type() {
    return ValueType.MATRIX;
  }

  @Override
  public String toString() {
    String step = stepMillis == 0 ? "" : PromDuration.format(stepMillis);
    return expr + "[" + PromDuration.format(rangeMillis) + ":" + step + "]" + AtModifier.suffix(at, offsetMillis);
  }
}
