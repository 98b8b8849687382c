package io.thanosjvm.api;

import io.thanosjvm.json.GoJsonEscapes;
import io.thanosjvm.model.Labels;
import io.thanosjvm.promql.ast.GoFloat;

/**
 * Prometheus' JSON formatting: sample values as strings in Go's shortest form (exponent only below 1e-6 or
 * from 1e21 on), sample timestamps as seconds with exactly three decimals when not whole, label maps with
 * sorted keys, strings escaped as Go's encoder does.
 */
public final class PromJson {

  private PromJson() {}

  /** A sample value: {@code "NaN"}, {@code "+Inf"}, {@code "-Inf"}, {@code "0.5"}, {@code "1e-07"}. */
  public static String sampleValue(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    double abs = Math.abs(v);
    if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
      return GoFloat.formatG(v);
    }
    return GoFloat.formatF(v);
  }

  /** A scalar or string result's value: always plain decimal. */
  public static String scalarValue(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return GoFloat.formatF(v);
  }

  /** A sample timestamp in seconds: {@code 1700010000}, {@code 1700010000.5} is written {@code 1700010000.500}. */
  public static void timestamp(StringBuilder sb, long ms) {
    long sec = ms / 1000;
    long frac = Math.abs(ms % 1000);
    if (ms < 0 && sec == 0 && frac != 0) {
      sb.append('-');
    }
    sb.append(sec);
    if (frac != 0) {
      sb.append('.');
      if (frac < 100) {
        sb.append('0');
      }
      if (frac < 10) {
        sb.append('0');
      }
      sb.append(frac);
    }
  }

  /** A label map with keys in label order. */
  public static void labels(StringBuilder sb, Labels labels) {
    sb.append('{');
    for (int i = 0; i < labels.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      string(sb, labels.name(i));
      sb.append(':');
      string(sb, labels.value(i));
    }
    sb.append('}');
  }

  /** A JSON string, escaped as Go's encoding/json does (HTML-safe), with the one shared escaper. */
  public static void string(StringBuilder sb, String s) {
    GoJsonEscapes.quote(sb, s);
  }
}
