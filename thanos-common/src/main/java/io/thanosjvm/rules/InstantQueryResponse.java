package io.thanosjvm.rules;

import io.thanosjvm.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer of Prometheus' {@code /api/v1/query} as a rule sees it: a vector as is, a scalar as one series
 * without labels, any other result type refused; the querier's {@code warnings} kept apart. Values are Prometheus'
 * strings ({@code "NaN"}, {@code "+Inf"}, {@code "-Inf"} included).
 *
 * @param series the instant vector
 * @param warnings the querier's warnings (partial responses), empty when none
 */
public record InstantQueryResponse(List<SeriesValue> series, List<String> warnings) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Keeps immutable copies. */
  public InstantQueryResponse {
    series = List.copyOf(series);
    warnings = List.copyOf(warnings);
  }

  /**
   * Reads a response body.
   *
   * @param httpStatus the HTTP status, reported when the body is not Prometheus' JSON
   * @throws IllegalStateException with the querier's {@code errorType} and {@code error} when it failed
   */
  public static InstantQueryResponse parse(int httpStatus, String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new IllegalStateException("unexpected response (HTTP " + httpStatus + "): " + abbreviate(body));
    }
    if (root == null || !root.isObject()) {
      throw new IllegalStateException("unexpected response (HTTP " + httpStatus + "): " + abbreviate(body));
    }
    String status = text(root.get("status"));
    if (!"success".equals(status)) {
      String type = text(root.get("errorType"));
      String error = text(root.get("error"));
      if (type.isEmpty() && error.isEmpty()) {
        throw new IllegalStateException("unexpected response (HTTP " + httpStatus + "): " + abbreviate(body));
      }
      throw new IllegalStateException(type + ": " + error);
    }
    List<String> warnings = new ArrayList<>();
    JsonNode w = root.get("warnings");
    if (w != null && w.isArray()) {
      for (JsonNode n : w) {
        warnings.add(text(n));
      }
    }
    JsonNode data = root.get("data");
    String type = data == null ? "" : text(data.get("resultType"));
    JsonNode result = data == null ? null : data.get("result");
    List<SeriesValue> series = new ArrayList<>();
    switch (type) {
      case "vector" -> {
        for (JsonNode s : result) {
          Map<String, String> labels = new TreeMap<>();
          JsonNode metric = s.get("metric");
          if (metric != null) {
            for (Map.Entry<String, JsonNode> e : metric.properties()) {
              labels.put(e.getKey(), text(e.getValue()));
            }
          }
          series.add(new SeriesValue(Labels.fromMap(labels), value(s.get("value"))));
        }
      }
      case "scalar" -> series.add(new SeriesValue(Labels.EMPTY, value(result)));
      default -> throw new IllegalStateException("unknown query result type: " + type);
    }
    return new InstantQueryResponse(series, warnings);
  }

  private static double value(JsonNode pair) {
    if (pair == null || !pair.isArray() || pair.size() != 2) {
      throw new IllegalStateException("malformed sample: " + pair);
    }
    return parseValue(text(pair.get(1)));
  }

  /** Prometheus' sample value string as a double ({@code +Inf}, {@code -Inf}, {@code NaN} included). */
  public static double parseValue(String s) {
    return switch (s) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? "" : n.asString();
  }

  private static String abbreviate(String body) {
    String b = body.strip();
    return b.length() > 200 ? b.substring(0, 200) + "..." : b;
  }
}
