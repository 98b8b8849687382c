package io.thanosjvm.queryfrontend;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP response of the downstream API.
 *
 * @param status the HTTP status
 * @param headers the response headers (names compared case-insensitively)
 * @param body the body
 */
public record DownstreamResponse(int status, Map<String, List<String>> headers, byte[] body) {

  /** Copies the headers into a case-insensitive map. */
  public DownstreamResponse {
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    headers = java.util.Collections.unmodifiableMap(copy);
  }

  /** The first value of header {@code name}, or "". */
  public String header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? "" : v.get(0);
  }

  /** Whether the downstream said not to store this answer ({@code Cache-Control: no-store}). */
  public boolean noStore() {
    for (String v : headers.getOrDefault("Cache-Control", List.of())) {
      if (v.toLowerCase(Locale.ROOT).contains("no-store")) {
        return true;
      }
    }
    return false;
  }

  /** The body as UTF-8 text (for messages). */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
