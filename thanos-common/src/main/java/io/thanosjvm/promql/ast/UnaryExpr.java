package io.thanosjvm.promql.ast;

import java.util.Objects;

/**
 * A unary {@code -expr} or {@code +expr} (on numbers the parser folds the sign into the literal).
 *
 * @param negate true for minus
 * @param expr the operand
 */
public record UnaryExpr(boolean negate, Expr expr) implements Expr {

  /** Validates. */
  public UnaryExpr {
    Objects.requireNonNull(expr, "expr");
  }

  @Override
  public ValueType type() {
    return expr.type();
  }

  @Override
  public String toString() {
    return (negate ? "-" : "+") + expr;
  }
}
