package io.thanosjvm.block.deletion;

import io.thanosjvm.json.GoJson;
import io.thanosjvm.json.GoJsonException;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.promql.PromqlParseException;
import io.thanosjvm.promql.parser.PromqlParser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One recorded {@code delete_series} request: the series any of the selectors selects lose their samples in
 * {@code [minTime, maxTime]} (ms, both inclusive, as Prometheus' tombstone intervals). Its JSON is the tombstone file
 * of Thanos' deletion proposal ({@code matchers}, {@code minTime}, {@code maxTime}, {@code creationTime}) with a
 * {@code requestId} (the id compacted blocks record in {@code rewrites.deletions_applied}) and {@code matchers} a
 * list, one selector per {@code match[]} of the request, since one HTTP request is recorded atomically.
 *
 * @param requestId the id: derived from the selectors and the range ({@link #idOf}), so the same request sent again
 *     overwrites its own record rather than adding one, as the proposal's file naming intends
 * @param matchers the series selectors as sent ({@code up{job="x"}}), each with at least one matcher
 * @param minTime first deleted timestamp in ms
 * @param maxTime last deleted timestamp in ms
 * @param creationTime when the request was accepted, in ms
 */
public record DeleteSeriesRequest(String requestId, List<String> matchers, long minTime, long maxTime,
    long creationTime) {

  /** Largest request file read back; a request is a few hundred bytes. */
  public static final int MAX_JSON_BYTES = 1 << 20;

  private static final Pattern ID = Pattern.compile("[0-9A-Za-z_-]{1,128}");

  /** Validates: a safe id, at least one selector, each one parsing to at least one matcher. */
  public DeleteSeriesRequest {
    Objects.requireNonNull(requestId, "requestId");
    if (!ID.matcher(requestId).matches()) {
      throw new IllegalArgumentException("invalid deletion request id \"" + requestId + "\"");
    }
    matchers = List.copyOf(matchers);
    if (matchers.isEmpty()) {
      throw new IllegalArgumentException("deletion request " + requestId + " has no matchers");
    }
    for (String s : matchers) {
      if (parse(s).isEmpty()) {
        throw new IllegalArgumentException("deletion request " + requestId + ": selector \"" + s
            + "\" has no matcher");
      }
    }
  }

  /** A new request, its id derived from the selectors and the range. */
  public static DeleteSeriesRequest of(List<String> matchers, long minTime, long maxTime, long creationTime) {
    return new DeleteSeriesRequest(idOf(matchers, minTime, maxTime), matchers, minTime, maxTime, creationTime);
  }

  /**
   * The id of a request: the first 16 bytes of the SHA-256 of the selectors (one per line) and the range, in hex,
   * so the same deletion sent twice is one record.
   */
  public static String idOf(List<String> matchers, long minTime, long maxTime) {
    StringBuilder sb = new StringBuilder();
    for (String m : matchers) {
      sb.append(m).append('\n');
    }
    sb.append(minTime).append('\n').append(maxTime);
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  /**
   * The matchers of one selector, as Prometheus' {@code parser.ParseMetricSelector} reads them.
   *
   * @throws IllegalArgumentException with the parser's positioned message
   */
  public static List<Matcher> parse(String selector) {
    try {
      return PromqlParser.parseMetricSelector(selector);
    } catch (PromqlParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The parsed matchers of every selector, in order. */
  public List<List<Matcher>> selectors() {
    List<List<Matcher>> out = new ArrayList<>(matchers.size());
    for (String s : matchers) {
      out.add(parse(s));
    }
    return out;
  }

  /** The object name of this request in the bucket. */
  public String objectName() {
    return DeleteRequestStore.DIR + requestId + ".json";
  }

  /** The JSON document, tab-indented as Go writes it. */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requestId", requestId);
    m.put("matchers", new ArrayList<Object>(matchers));
    m.put("minTime", minTime);
    m.put("maxTime", maxTime);
    m.put("creationTime", creationTime);
    return GoJson.write(m);
  }

  /**
   * Reads a request document; unknown keys (the proposal's {@code author}, {@code reason}) are ignored.
   *
   * @param source the object name, for error messages
   * @throws IllegalArgumentException naming {@code source} and what is wrong
   */
  public static DeleteSeriesRequest parseJson(String json, String source) {
    Object doc;
    try {
      doc = GoJson.parse(json, source);
    } catch (GoJsonException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (!(doc instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(source + ": a deletion request is a JSON object");
    }
    List<String> matchers = new ArrayList<>();
    Object ms = m.get("matchers");
    if (ms instanceof String s) {
      matchers.add(s); // the proposal's single selector
    } else if (ms instanceof List<?> l) {
      for (Object o : l) {
        if (!(o instanceof String s)) {
          throw new IllegalArgumentException(source + ": matchers must be strings");
        }
        matchers.add(s);
      }
    } else {
      throw new IllegalArgumentException(source + ": matchers is required");
    }
    try {
      return new DeleteSeriesRequest(string(m, "requestId", source), matchers, number(m, "minTime", source),
          number(m, "maxTime", source), number(m, "creationTime", source));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static String string(Map<?, ?> m, String key, String source) {
    if (!(m.get(key) instanceof String s)) {
      throw new IllegalArgumentException(source + ": " + key + " must be a string");
    }
    return s;
  }

  private static long number(Map<?, ?> m, String key, String source) {
    if (!(m.get(key) instanceof Long l)) {
      throw new IllegalArgumentException(source + ": " + key + " must be an integer (ms)");
    }
    return l;
  }
}
