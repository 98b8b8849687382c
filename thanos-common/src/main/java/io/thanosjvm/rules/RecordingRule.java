package io.thanosjvm.rules;

import io.thanosjvm.model.Labels;
import io.thanosjvm.promql.ast.Expr;
import java.util.Objects;

/**
 * A recording rule: the result of {@code expr} stored as the series {@code record}, with {@code labels} set on it.
 *
 * @param name the metric name to record ({@code record})
 * @param expr the expression's text
 * @param parsed the parsed expression
 * @param labels labels added to (or replacing those of) every result series
 */
public record RecordingRule(String name, String expr, Expr parsed, Labels labels) implements Rule {

  /** Validates the rule. */
  public RecordingRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(parsed, "parsed");
    Objects.requireNonNull(labels, "labels");
  }
}
