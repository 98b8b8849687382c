package io.thanosjvm.rules;

import io.thanosjvm.promql.ast.Expr;
import java.util.Map;
import java.util.Objects;

/**
 * An alerting rule: every result series of {@code expr} is an alert, pending until it has been active for
 * {@code forMillis}, then firing; a firing alert whose series is gone keeps firing for {@code keepFiringForMillis}.
 *
 * @param name the alert name ({@code alert}), set as the {@code alertname} label
 * @param expr the expression's text
 * @param parsed the parsed expression
 * @param forMillis how long an alert stays pending before it fires ({@code for}); 0 fires at once
 * @param labels label templates added to each alert, in file order
 * @param annotations annotation templates, in file order
 * @param keepFiringForMillis how long a firing alert keeps firing after its series is gone ({@code keep_firing_for},
 *     Prometheus 2.42); 0 resolves at once
 */
public record AlertingRule(String name, String expr, Expr parsed, long forMillis, Map<String, String> labels,
    Map<String, String> annotations, long keepFiringForMillis) implements Rule {

  /** Validates the rule and keeps the maps' order. */
  public AlertingRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(parsed, "parsed");
    if (forMillis < 0 || keepFiringForMillis < 0) {
      throw new IllegalArgumentException("for and keep_firing_for must not be negative");
    }
    labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    annotations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(annotations));
  }

  /** A rule without {@code keep_firing_for}. */
  public AlertingRule(String name, String expr, Expr parsed, long forMillis, Map<String, String> labels,
      Map<String, String> annotations) {
    this(name, expr, parsed, forMillis, labels, annotations, 0);
  }
}
