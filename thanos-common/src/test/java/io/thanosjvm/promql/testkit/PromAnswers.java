package io.thanosjvm.promql.testkit;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Compares two answers of Prometheus' query API ({@code /api/v1/query} and {@code /api/v1/query_range} JSON): the
 * same status, the same {@code errorType} when both failed, the same result type, the same series (order ignored:
 * PromQL only orders the output of {@code sort}/{@code sort_desc}, and the comparison is by label set), and per
 * series the same timestamps and values equal within a relative 1e-9 (or 1e-12 absolute near zero) — floating-point
 * sums may round differently when series arrive in a different order.
 */
public final class PromAnswers {

  private PromAnswers() {}

  /** Returns a description of the first difference between the expected and actual answer, or null if none. */
  public static String difference(JsonNode expected, JsonNode actual) {
    String status = expected.path("status").asString();
    if (!status.equals(actual.path("status").asString())) {
      return "status " + actual.path("status").asString() + " (" + actual.path("error").asString("")
          + "), expected " + status + " (" + expected.path("error").asString("") + ")";
    }
    if (!"success".equals(status)) {
      String type = expected.path("errorType").asString();
      return type.equals(actual.path("errorType").asString()) ? null
          : "errorType " + actual.path("errorType").asString() + " (" + actual.path("error").asString()
              + "), expected " + type + " (" + expected.path("error").asString() + ")";
    }
    String type = expected.path("data").path("resultType").asString();
    if (!type.equals(actual.path("data").path("resultType").asString())) {
      return "resultType " + actual.path("data").path("resultType").asString() + ", expected " + type;
    }
    JsonNode a = expected.path("data").path("result");
    JsonNode b = actual.path("data").path("result");
    if (!type.equals("vector") && !type.equals("matrix")) {
      return pointsDifference(a, b, type);
    }
    Map<String, JsonNode> byMetricA = byMetric(a);
    Map<String, JsonNode> byMetricB = byMetric(b);
    if (!byMetricA.keySet().equals(byMetricB.keySet())) {
      return "series " + byMetricB.keySet() + ", expected " + byMetricA.keySet();
    }
    for (Map.Entry<String, JsonNode> e : byMetricA.entrySet()) {
      String d = pointsDifference(e.getValue(), byMetricB.get(e.getKey()), e.getKey());
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  private static Map<String, JsonNode> byMetric(JsonNode result) {
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode s : result) {
      out.put(s.path("metric").toString(), s.has("value") ? s.path("value") : s.path("values"));
    }
    return out;
  }

  /** Compares one [ts, "v"] pair or a list of them. */
  private static String pointsDifference(JsonNode a, JsonNode b, String what) {
    if (a.size() != b.size()) {
      return what + ": " + b.size() + " points, expected " + a.size();
    }
    if (a.size() == 2 && a.get(1).isString()) {
      if (a.get(0).asDouble() != b.get(0).asDouble()) {
        return what + ": timestamp " + b.get(0) + ", expected " + a.get(0);
      }
      return close(a.get(1).asString(), b.get(1).asString()) ? null
          : what + " @" + a.get(0) + ": " + b.get(1).asString() + ", expected " + a.get(1).asString();
    }
    Iterator<JsonNode> ia = a.iterator();
    Iterator<JsonNode> ib = b.iterator();
    while (ia.hasNext()) {
      String d = pointsDifference(ia.next(), ib.next(), what);
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  /** Whether two sample value strings of Prometheus' JSON are equal up to floating-point rounding. */
  public static boolean close(String expected, String actual) {
    if (expected.equals(actual)) {
      return true;
    }
    double e = parse(expected);
    double x = parse(actual);
    if (Double.isNaN(e) || Double.isNaN(x) || Double.isInfinite(e) || Double.isInfinite(x)) {
      return false;
    }
    double diff = Math.abs(e - x);
    return diff <= 1e-12 || diff <= 1e-9 * Math.max(Math.abs(e), Math.abs(x));
  }

  private static double parse(String s) {
    return Double.parseDouble(s.replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
  }
}
