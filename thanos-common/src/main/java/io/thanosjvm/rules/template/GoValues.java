package io.thanosjvm.rules.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Go values templates handle, in Java: {@code null} is Go's invalid value ("no value"), {@link String},
 * {@link Long} (int), {@link Double} (float64), {@link Boolean}, {@code Map<String,String>} (map[string]string),
 * {@link ArgsMap} (map[string]interface{}), {@link SafeHtml} (html/template.HTML), {@link QueryResult}, {@link
 * QuerySample} (*sample) and {@link TemplateData} (the data struct).
 */
final class GoValues {

  private GoValues() {}

  /** Go's {@code html/template.HTML}: a string of its own type. */
  record SafeHtml(String text) {}

  /** Go's {@code map[string]interface{}} as {@code args} returns it. */
  record ArgsMap(TreeMap<String, Object> map) {}

  /** Prometheus' {@code queryResult} ({@code []*sample}), sorted in place by {@code sortByLabel}. */
  record QueryResult(ArrayList<QuerySample> samples) {}

  /** Go's type name of a value, as {@code reflect.Type.String()} prints it. */
  static String typeName(Object v) {
    if (v == null) {
      return "<nil>";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Long) {
      return "int";
    }
    if (v instanceof Double) {
      return "float64";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof SafeHtml) {
      return "template.HTML";
    }
    if (v instanceof ArgsMap) {
      return "map[string]interface {}";
    }
    if (v instanceof Map) {
      return "map[string]string";
    }
    if (v instanceof QueryResult) {
      return "template.queryResult";
    }
    if (v instanceof QuerySample) {
      return "*template.sample";
    }
    if (v instanceof TemplateData) {
      return "struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; "
          + "Value float64 }";
    }
    if (v instanceof java.time.Instant) {
      return "*time.Time";
    }
    if (v instanceof List) {
      return "[]interface {}";
    }
    return v.getClass().getSimpleName();
  }

  /** Go's {@code isTrue}: the truth of a value ({@code null}, empty, zero and false are false). */
  static boolean isTrue(Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s) {
      return !s.isEmpty();
    }
    if (v instanceof SafeHtml h) {
      return !h.text().isEmpty();
    }
    if (v instanceof Long l) {
      return l != 0;
    }
    if (v instanceof Double d) {
      return d != 0; // NaN != 0 is true in Go too
    }
    if (v instanceof ArgsMap m) {
      return !m.map().isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    if (v instanceof QueryResult q) {
      return !q.samples().isEmpty();
    }
    if (v instanceof List<?> l) {
      return !l.isEmpty();
    }
    return true; // pointers and structs
  }

  /** The string of a string-kinded value, or {@code null} when the value is not of string kind. */
  static String stringKind(Object v) {
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof SafeHtml h) {
      return h.text();
    }
    return null;
  }
}
