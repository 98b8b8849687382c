package io.thanosjvm.queryfrontend;

import io.thanosjvm.api.ApiError;
import io.thanosjvm.api.ApiResponse;
import io.thanosjvm.api.JsonBody;
import io.thanosjvm.api.PromJson;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Utf8Order;
import io.thanosjvm.queryfrontend.cache.ResponseCache;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The labels and series pipeline of the frontend (Thanos' labels tripperware): a request is split by
 * {@code --labels.split-interval} (sub-ranges ending 1 ms before each multiple of the interval, so day boundaries
 * for 24h), the parts are asked with bounded parallelism, each through the labels results cache
 * ({@code --labels.response-cache-config}) when one is configured, and merged: label names and values as a sorted
 * union, series as a union sorted by label set, warnings kept once. The first failed part (in time order) is the
 * answer.
 *
 * <p>Cache keys are Thanos' ({@code fe:<tenant>:<label>:<matchers>:<split interval>:<start / split interval>}) with
 * the other parameters appended, and, for a part that is not a whole interval, its exact range (Thanos reuses a
 * day's entry for any part of that day, which can answer with labels from outside the asked range). Parts ending
 * within {@code --labels.response-cache-max-freshness} of now, and answers with warnings or {@code no-store}, are
 * never cached.
 */
public final class MetadataPipeline {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** More parts than this are not split (e.g. an unbounded range): the request is sent whole. */
  static final int MAX_PARTS = 1_000;

  private final long intervalMs;
  private final Downstream downstream;
  private final ResponseCache cache;
  private final long maxFreshnessMs;
  private final ParallelRunner runner;
  private final Clock clock;

  /**
   * A pipeline over {@code downstream}.
   *
   * @param intervalMs the split interval; 0 disables splitting
   * @param cache the labels results cache, or null for none
   * @param maxFreshnessMs parts ending after now minus this are not cached
   */
  public MetadataPipeline(long intervalMs, Downstream downstream, ResponseCache cache, long maxFreshnessMs,
      ParallelRunner runner, Clock clock) {
    if (intervalMs < 0 || maxFreshnessMs < 0) {
      throw new IllegalArgumentException("labels split interval and freshness must not be negative");
    }
    this.intervalMs = intervalMs;
    this.downstream = downstream;
    this.cache = cache;
    this.maxFreshnessMs = maxFreshnessMs;
    this.runner = runner;
    this.clock = clock;
  }

  /** The answer to {@code request}: status and body. */
  public DownstreamResponse handle(MetadataRequest request, RequestHeaders headers) {
    List<MetadataRequest> parts = split(request, intervalMs);
    if (parts.size() == 1) {
      return part(parts.get(0), headers);
    }
    List<DownstreamResponse> answers = runner.run(parts, r -> part(r, headers));
    for (DownstreamResponse a : answers) {
      if (a.status() / 100 != 2) {
        return a;
      }
    }
    try {
      return merge(request.kind(), answers);
    } catch (IllegalArgumentException e) {
      return error(502, ApiError.INTERNAL, "downstream answer not understood: " + e.getMessage());
    }
  }

  /** The parts of {@code r}, in time order: one per interval it touches, or {@code r} itself. */
  static List<MetadataRequest> split(MetadataRequest r, long intervalMs) {
    if (intervalMs <= 0 || Math.floorDiv(r.end(), intervalMs) - Math.floorDiv(r.start(), intervalMs) >= MAX_PARTS) {
      return List.of(r);
    }
    List<MetadataRequest> out = new ArrayList<>();
    long start = r.start();
    while (true) {
      long boundary = (Math.floorDiv(start, intervalMs) + 1) * intervalMs;
      if (boundary > r.end()) {
        out.add(r.withRange(start, r.end()));
        return out;
      }
      out.add(r.withRange(start, boundary - 1));
      start = boundary;
    }
  }

  private DownstreamResponse part(MetadataRequest r, RequestHeaders headers) {
    String key = cache == null || r.end() > clock.millis() - maxFreshnessMs ? null : key(r, headers.tenant());
    if (key != null) {
      byte[] hit = cache.fetch(List.of(key)).get(key);
      byte[] keyBytes = (key + "\n").getBytes(StandardCharsets.UTF_8);
      if (hit != null && startsWith(hit, keyBytes)) {
        return new DownstreamResponse(200, Map.of("Content-Type", List.of("application/json")),
            java.util.Arrays.copyOfRange(hit, keyBytes.length, hit.length));
      }
    }
    DownstreamResponse a;
    try {
      a = downstream.send(DownstreamRequest.get(r.path(), r.encode(), headers.forwarded()));
    } catch (InterruptedIOException e) {
      return error(503, ApiError.CANCELED, "query canceled: " + e.getMessage());
    } catch (IOException e) {
      return error(ApiError.INTERNAL.httpStatus(), ApiError.INTERNAL, "downstream unreachable: " + e);
    }
    if (key != null && a.status() == 200 && !a.noStore() && !hasWarnings(a.body())) {
      byte[] keyBytes = (key + "\n").getBytes(StandardCharsets.UTF_8);
      byte[] value = java.util.Arrays.copyOf(keyBytes, keyBytes.length + a.body().length);
      System.arraycopy(a.body(), 0, value, keyBytes.length, a.body().length);
      cache.store(key, value);
    }
    return a;
  }

  /** The cache key of a part. */
  String key(MetadataRequest r, String tenant) {
    String matchers = String.join(",", r.params().getOrDefault("match[]", List.of()));
    long interval = intervalMs > 0 ? Math.floorDiv(r.start(), intervalMs) : 0;
    boolean whole = intervalMs > 0 && r.start() == interval * intervalMs && r.end() == r.start() + intervalMs - 1;
    String head = "fe:" + tenant + ":" + (r.kind() == MetadataRequest.Kind.SERIES ? "" : r.label() + ":")
        + matchers + ":" + intervalMs + ":" + interval;
    return head + (whole ? "" : ":" + r.start() + "-" + r.end()) + ":" + r.kind() + ":" + r.otherParams();
  }

  private static boolean hasWarnings(byte[] body) {
    // cheap check first: most answers have none
    String s = new String(body, StandardCharsets.UTF_8);
    return s.contains("\"warnings\"") && JSON.readTree(s).path("warnings").size() > 0;
  }

  private static boolean startsWith(byte[] a, byte[] prefix) {
    if (a.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (a[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Merges successful part answers as Thanos' labels codec does, encoded as the querier encodes them. */
  static DownstreamResponse merge(MetadataRequest.Kind kind, List<DownstreamResponse> answers) {
    LinkedHashSet<String> warnings = new LinkedHashSet<>();
    TreeSet<String> names = new TreeSet<>(Utf8Order.COMPARATOR);
    TreeSet<Labels> series = new TreeSet<>();
    boolean noStore = false;
    for (DownstreamResponse a : answers) {
      noStore |= a.noStore();
      JsonNode root;
      try {
        root = JSON.readTree(a.body());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
      }
      if (!"success".equals(root.path("status").asString(""))) {
        throw new IllegalArgumentException("status is not success");
      }
      root.path("warnings").forEach(w -> warnings.add(w.asString()));
      for (JsonNode item : root.path("data")) {
        if (kind == MetadataRequest.Kind.SERIES) {
          Labels.Builder b = Labels.builder();
          item.properties().forEach(e -> b.set(e.getKey(), e.getValue().asString()));
          series.add(b.build());
        } else {
          names.add(item.asString());
        }
      }
    }
    JsonBody data = kind == MetadataRequest.Kind.SERIES ? JsonBody.array(series, PromJson::labels)
        : JsonBody.array(new ArrayList<>(names), PromJson::string);
    byte[] body = ApiResponse.success(data, new ArrayList<>(warnings)).json().getBytes(StandardCharsets.UTF_8);
    Map<String, List<String>> headers = noStore
        ? Map.of("Content-Type", List.of("application/json"), "Cache-Control", List.of("no-store"))
        : Map.of("Content-Type", List.of("application/json"));
    return new DownstreamResponse(200, headers, body);
  }

  private static DownstreamResponse error(int status, ApiError type, String message) {
    return new DownstreamResponse(status, Map.of("Content-Type", List.of("application/json")),
        ApiResponse.error(type, message).json().getBytes(StandardCharsets.UTF_8));
  }
}
