package io.thanosjvm.queryfrontend;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request to the downstream Prometheus-compatible API.
 *
 * @param method the HTTP method
 * @param path the path, e.g. {@code /api/v1/query_range}
 * @param rawQuery the encoded query string without {@code ?}, empty for none
 * @param body the request body, empty for none
 * @param headers the headers to send (already filtered to the forwarded ones)
 */
public record DownstreamRequest(String method, String path, String rawQuery, byte[] body,
    Map<String, List<String>> headers) {

  /** Validates and copies. */
  public DownstreamRequest {
    if (method == null || method.isEmpty() || path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("method and absolute path required, got " + method + " " + path);
    }
    rawQuery = rawQuery == null ? "" : rawQuery;
    body = body == null ? new byte[0] : body;
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    headers = java.util.Collections.unmodifiableMap(copy);
  }

  /** {@code params} URL-encoded as a query string, in their order ({@code k=v&k=v}). */
  public static String encodeParams(Map<String, List<String>> params) {
    StringBuilder sb = new StringBuilder();
    params.forEach((k, values) -> {
      for (String v : values) {
        if (sb.length() > 0) {
          sb.append('&');
        }
        sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
            .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
      }
    });
    return sb.toString();
  }

  /** A GET of {@code path?rawQuery}. */
  public static DownstreamRequest get(String path, String rawQuery, Map<String, List<String>> headers) {
    return new DownstreamRequest("GET", path, rawQuery, new byte[0], headers);
  }
}
