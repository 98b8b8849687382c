package io.thanosjvm.rules.template;

import java.util.Map;
import java.util.Objects;

/**
 * Expands alert label and annotation templates exactly as Prometheus 2.42 does: Go's {@code text/template} with
 * {@code missingkey=zero}, Prometheus' function map, and for alerts the definitions {@code $labels},
 * {@code $externalLabels}, {@code $externalURL} and {@code $value} prefixed to the text.
 */
public final class TemplateExpander {

  /** The definitions Prometheus' alerting rule prefixes to every label and annotation template. */
  public static final String ALERT_DEFINITIONS = "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}"
      + "{{$externalURL := .ExternalURL}}{{$value := .Value}}";

  private TemplateExpander() {}

  /**
   * Prometheus' {@code Expander.Expand}: parses and executes {@code text} as template {@code name}.
   *
   * @throws TemplateException {@code error parsing template NAME: ...} or {@code error executing template NAME: ...}
   */
  public static String expand(String name, String text, TemplateData data, QueryFunction query) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(query, "query");
    GoTemplate tmpl;
    try {
      tmpl = GoTemplate.parse(name, text, PrometheusFunctions.forExpansion(query, data.externalUrl()));
    } catch (TemplateException e) {
      throw new TemplateException("error parsing template " + name + ": " + e.getMessage());
    }
    try {
      return tmpl.execute(data);
    } catch (TemplateException e) {
      throw new TemplateException("error executing template " + name + ": " + e.getMessage());
    }
  }

  /**
   * An alerting rule's expansion of one label or annotation value: the alert definitions plus {@code text}, named
   * {@code __alert_<rule>}; a failure becomes the value {@code <error expanding template: ...>}, as Prometheus
   * sets it.
   */
  public static String expandAlert(String ruleName, String text, TemplateData data, QueryFunction query) {
    try {
      return expand("__alert_" + ruleName, ALERT_DEFINITIONS + text, data, query);
    } catch (TemplateException e) {
      return "<error expanding template: " + e.getMessage() + ">";
    }
  }

  /**
   * Prometheus' {@code Expander.ParseTest}: parses {@code text} without executing it.
   *
   * @throws TemplateException with Go's parse error ({@code template: NAME:LINE: ...})
   */
  public static void parseOnly(String name, String text) {
    GoTemplate.parse(name, text, PrometheusFunctions.forExpansion(QueryFunction.NONE, ""));
  }

  /**
   * The check {@code promtool check rules} makes of an alerting rule's label or annotation template: parsing with
   * the alert definitions under the name {@code __alert_<rule>}.
   *
   * @throws TemplateException with Go's parse error
   */
  public static void parseAlertTemplate(String ruleName, String text) {
    parseOnly("__alert_" + ruleName, ALERT_DEFINITIONS + text);
  }

  /** Empty label maps and value 0, as promtool's template check uses. */
  static TemplateData emptyData() {
    return new TemplateData(Map.of(), Map.of(), "", 0);
  }
}
