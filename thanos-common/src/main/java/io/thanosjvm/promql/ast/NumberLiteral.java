package io.thanosjvm.promql.ast;

/**
 * A number literal.
 *
 * @param value the value (may be NaN or infinite)
 */
public record NumberLiteral(double value) implements Expr {

  @Override
  public ValueType type() {
    return ValueType.SCALAR;
  }

  @Override
  public String toString() {
    // "+Inf" would re-parse as a unary plus binding looser than "^".
    return value == Double.POSITIVE_INFINITY ? "Inf" : GoFloat.formatG(value);
  }
}
