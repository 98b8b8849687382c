package io.thanosjvm.promql.ast;

import io.thanosjvm.model.PromDuration;
import java.util.Objects;

/**
 * A range vector selector such as {@code foo[5m] offset 1m}; its offset and {@code @} live on the inner
 * selector.
 *
 * @param selector the vector selector
 * @param rangeMillis the range
 */
public record MatrixSelector(VectorSelector selector, long rangeMillis) implements Expr {

  /** Validates. */
  public MatrixSelector {
    Objects.requireNonNull(selector, "selector");
  }

  @Override
  public ValueType type() {
    return ValueType.MATRIX;
  }

  @Override
  public String toString() {
    return selector.selectorString() + "[" + PromDuration.format(rangeMillis) + "]"
        + AtModifier.suffix(selector.at(), selector.offsetMillis());
  }
}
