package io.thanosjvm.promql.ast;

import java.util.Objects;

/**
 * A parenthesised expression.
 *
 * @param inner the expression inside
 */
public record ParenExpr(Expr inner) implements Expr {

  /** Validates. */
  public ParenExpr {
    Objects.requireNonNull(inner, "inner");
  }

  @Override
  public ValueType type() {
    return inner.type();
  }

  @Override
  public String toString() {
    return "(" + inner + ")";
  }
}
