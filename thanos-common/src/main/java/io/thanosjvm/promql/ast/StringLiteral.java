package io.thanosjvm.promql.ast;

import io.thanosjvm.model.PromStrings;
import java.util.Objects;

/**
 * A string literal.
 *
 * @param value the unquoted value
 */
public record StringLiteral(String value) implements Expr {

  /** Validates the value. */
  public StringLiteral {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public ValueType type() {
    return ValueType.STRING;
  }

  @Override
  public String toString() {
    return PromStrings.quote(value);
  }
}
