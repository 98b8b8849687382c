package io.thanosjvm.store.prometheus;

import io.thanosjvm.yaml.InvalidYamlException;
import io.thanosjvm.yaml.YamlDocuments;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.store.StoreRequestException;
import io.thanosjvm.wire.prompb.ChunkedReadResponse;
import io.thanosjvm.wire.prompb.ReadRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xerial.snappy.Snappy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP calls a sidecar makes to its Prometheus: streamed remote read, label names and values, series
 * (labels only), the running configuration's external labels, and readiness. Calls block the calling
 * thread (a gRPC worker, never an event loop) and are bounded by the endpoint's timeout.
 */
public final class PrometheusClient {

  /** Consumes remote-read frames in order. */
  @FunctionalInterface
  public interface FrameConsumer {
    /** Handles one frame; return false to stop reading. */
    boolean accept(ChunkedReadResponse frame);
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Largest sampled (non-streamed) remote read answer accepted, compressed. */
  static final int MAX_SAMPLED_RESPONSE_BYTES = 256 << 20;

  private final PrometheusEndpoint endpoint;
  private final HttpClient http;

  /** A client for {@code endpoint}. */
  public PrometheusClient(PrometheusEndpoint endpoint) {
    this.endpoint = endpoint;
    this.http = HttpClient.newBuilder().connectTimeout(endpoint.timeout()).build();
  }

  /** The endpoint. */
  public PrometheusEndpoint endpoint() {
    return endpoint;
  }

  /**
   * Runs a remote read and hands each frame to {@code consumer}: streamed XOR chunks as they come, or, when
   * Prometheus answers with raw samples ({@code SAMPLES}), the samples encoded into XOR chunks.
   *
   * @throws StoreRequestException unavailable when Prometheus cannot be reached, internal on a bad answer
   */
  public void streamedRead(ReadRequest request, FrameConsumer consumer) {
    byte[] body;
    try {
      body = Snappy.compress(request.toByteArray());
    } catch (IOException e) {
      throw StoreRequestException.internal("snappy-compress remote read request: " + e.getMessage(), e);
    }
    HttpRequest req = HttpRequest.newBuilder(endpoint.resolve("/api/v1/read"))
        .timeout(endpoint.timeout())
        .header("Content-Type", "application/x-protobuf")
        .header("Content-Encoding", "snappy")
        .header("Accept-Encoding", "snappy")
        .header("X-Prometheus-Remote-Read-Version", "0.1.0")
        .header("User-Agent", "thanos-jvm-sidecar")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    HttpResponse<InputStream> resp = send(req, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = resp.body()) {
      if (resp.statusCode() != 200) {
        String text = new String(in.readNBytes(4096), StandardCharsets.UTF_8).trim();
        throw StoreRequestException.internal("prometheus remote read answered HTTP " + resp.statusCode() + ": "
            + text, null);
      }
      String type = resp.headers().firstValue("Content-Type").orElse("");
      if (type.startsWith("application/x-protobuf")) {
        // SAMPLES fallback: a Prometheus that does not stream chunks sends one snappy-compressed ReadResponse
        byte[] compressed = in.readNBytes(MAX_SAMPLED_RESPONSE_BYTES + 1);
        if (compressed.length > MAX_SAMPLED_RESPONSE_BYTES) {
          throw StoreRequestException.resourceExhausted("prometheus sampled remote read response exceeds "
              + MAX_SAMPLED_RESPONSE_BYTES + " bytes; narrow the query");
        }
        for (ChunkedReadResponse f : SampledReadResponses.decode(compressed,
            SampledReadResponses.MAX_DECODED_BYTES)) {
          if (!consumer.accept(f)) {
            return;
          }
        }
        return;
      }
      if (!type.startsWith("application/x-streamed-protobuf")) {
        throw StoreRequestException.internal("prometheus answered remote read with Content-Type " + type, null);
      }
      ChunkedFrameReader frames = new ChunkedFrameReader(in, ChunkedFrameReader.DEFAULT_MAX_FRAME_BYTES);
      for (ChunkedReadResponse f = frames.next(); f != null; f = frames.next()) {
        if (!consumer.accept(f)) {
          return;
        }
      }
    } catch (IOException e) {
      throw StoreRequestException.unavailable("reading remote read stream from " + endpoint.baseUrl() + ": "
          + e.getMessage(), e);
    }
  }

  /** {@code GET /api/v1/labels}: sorted label names in the range, optionally for series matching a selector. */
  public List<String> labelNames(long startMs, long endMs, List<Matcher> matchers) {
    return stringList(getJson("/api/v1/labels?" + rangeAndMatch(startMs, endMs, matchers)));
  }

  /** {@code GET /api/v1/label/<name>/values}. */
  public List<String> labelValues(String name, long startMs, long endMs, List<Matcher> matchers) {
    return stringList(getJson("/api/v1/label/" + encode(name) + "/values?" + rangeAndMatch(startMs, endMs, matchers)));
  }

  /** {@code GET /api/v1/series}: the label sets of series matching the selector in the range. */
  public List<Labels> series(long startMs, long endMs, List<Matcher> matchers) {
    List<Labels> out = new ArrayList<>();
    for (JsonNode s : getJson("/api/v1/series?" + rangeAndMatch(startMs, endMs, matchers))) {
      Labels.Builder b = Labels.builder();
      s.properties().forEach(e -> b.set(e.getKey(), e.getValue().asString()));
      out.add(b.build());
    }
    return out;
  }

  /** The external labels of Prometheus' running configuration ({@code /api/v1/status/config}). */
  public Labels externalLabels() {
    String yaml = getJson("/api/v1/status/config").path("yaml").asString("");
    Object root;
    try {
      root = YamlDocuments.first(yaml, true);
    } catch (InvalidYamlException e) {
      throw StoreRequestException.unavailable("prometheus at " + endpoint.baseUrl()
          + " answered /api/v1/status/config with invalid YAML: " + e.getMessage(), e);
    }
    Labels.Builder b = Labels.builder();
    if (root instanceof Map<?, ?> m && m.get("global") instanceof Map<?, ?> global
        && global.get("external_labels") instanceof Map<?, ?> ext) {
      ext.forEach((k, v) -> b.set(String.valueOf(k), String.valueOf(v)));
    }
    return b.build();
  }

  /** Whether {@code /-/ready} answers 200. */
  public boolean ready() {
    try {
      HttpRequest req = HttpRequest.newBuilder(endpoint.resolve("/-/ready")).timeout(endpoint.timeout()).GET().build();
      return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private JsonNode getJson(String pathAndQuery) {
    HttpRequest req = HttpRequest.newBuilder(endpoint.resolve(pathAndQuery)).timeout(endpoint.timeout()).GET().build();
    HttpResponse<byte[]> resp = send(req, HttpResponse.BodyHandlers.ofByteArray());
    JsonNode root;
    try {
      root = JSON.readTree(resp.body());
    } catch (RuntimeException e) {
      throw StoreRequestException.internal("prometheus answered " + pathAndQuery + " with HTTP "
          + resp.statusCode() + " and no JSON", e);
    }
    if (!"success".equals(root.path("status").asString(""))) {
      throw StoreRequestException.internal("prometheus " + pathAndQuery + ": "
          + root.path("errorType").asString("") + ": " + root.path("error").asString(""), null);
    }
    return root.path("data");
  }

  private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(req, handler);
    } catch (IOException e) {
      throw StoreRequestException.unavailable("prometheus at " + endpoint.baseUrl() + " unreachable: "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StoreRequestException.unavailable("interrupted calling prometheus", e);
    }
  }

  private static List<String> stringList(JsonNode array) {
    List<String> out = new ArrayList<>(array.size());
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  private static String rangeAndMatch(long startMs, long endMs, List<Matcher> matchers) {
    StringBuilder q = new StringBuilder("start=").append(seconds(startMs)).append("&end=").append(seconds(endMs));
    if (!matchers.isEmpty()) {
      StringBuilder sel = new StringBuilder("{");
      for (int i = 0; i < matchers.size(); i++) {
        sel.append(i == 0 ? "" : ",").append(matchers.get(i));
      }
      q.append("&match[]=").append(encode(sel.append('}').toString()));
    }
    return q.toString();
  }

  /** Earliest time Prometheus' API accepts comfortably: 0001-01-01T00:00:00Z. */
  private static final long MIN_API_MS = -62_135_596_800_000L;
  /** Latest: 9999-12-31T23:59:59Z. */
  private static final long MAX_API_MS = 253_402_300_799_000L;

  /** Prometheus API time parameter: Unix seconds with millisecond precision, clamped to years 1..9999. */
  static String seconds(long ms) {
    long clamped = Math.max(MIN_API_MS, Math.min(MAX_API_MS, ms));
    return String.format(Locale.ROOT, "%.3f", clamped / 1000.0); // exact: |clamped| < 2^53
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
