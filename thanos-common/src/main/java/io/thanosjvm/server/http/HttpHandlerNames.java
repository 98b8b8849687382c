package io.thanosjvm.server.http;

/**
 * The {@code handler} label of HTTP metrics, as Thanos names its routes: the route name for the Prometheus
 * API ({@code /api/v1/query_range} becomes {@code query_range}, {@code /api/v1/label/{name}/values} becomes
 * {@code label_values}), {@code static} for the catch-all static-resource route, and the route pattern for
 * everything else.
 */
public final class HttpHandlerNames {

  private HttpHandlerNames() {}

  /** The handler name for a matched route pattern (or the raw path when no route matched). */
  public static String of(String pattern) {
    if (pattern == null || pattern.isEmpty()) {
      return "unmatched";
    }
    if (pattern.equals("/**")) {
      return "static";
    }
    String api = "/api/v1/";
    if (pattern.startsWith(api)) {
      String rest = pattern.substring(api.length());
      if (rest.startsWith("label/")) {
        return "label_values";
      }
      return rest.replace('/', '_');
    }
    return pattern;
  }
}
