package io.thanosjvm.rules;

import io.thanosjvm.model.Labels;

/**
 * Expands an alert's label and annotation templates (Prometheus' template language with {@code $labels},
 * {@code $externalLabels}, {@code $externalURL} and {@code $value}). A failed expansion yields Prometheus' text
 * {@code <error expanding template: ...>} rather than failing the rule.
 */
@FunctionalInterface
public interface AlertTemplates {

  /**
   * Expands one template.
   *
   * @param ruleName the alert name (templates are named {@code __alert_<name>})
   * @param text the template
   * @param series the labels of the result series that makes the alert
   * @param value its value
   * @param evalMillis the evaluation time (for functions such as {@code query})
   */
  String expand(String ruleName, String text, Labels series, double value, long evalMillis);

  /** Templates taken literally, for rules without template actions. */
  AlertTemplates LITERAL = (name, text, series, value, t) -> text;
}
