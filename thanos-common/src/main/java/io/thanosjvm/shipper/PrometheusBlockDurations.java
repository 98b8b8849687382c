package io.thanosjvm.shipper;

import io.thanosjvm.model.PromDuration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prometheus' {@code --storage.tsdb.min-block-duration} and {@code --storage.tsdb.max-block-duration}, read from
 * {@code /api/v1/status/flags}, and the sidecar's check of them before shipping (Thanos' rule): different values
 * mean Prometheus compacts blocks locally, so a block whose upload failed could be merged away before it is
 * shipped; the sidecar refuses to start unless told to ignore it, and warns when the block duration is not 2h.
 *
 * @param min the minimum block duration
 * @param max the maximum block duration
 */
public record PrometheusBlockDurations(Duration min, Duration max) {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration RECOMMENDED = Duration.ofHours(2);

  /**
   * Reads the flags of the Prometheus at {@code baseUrl}.
   *
   * @return empty when Prometheus has no flags endpoint (404: too old to check)
   * @throws IOException when Prometheus cannot be reached or answers something unexpected
   */
  public static Optional<PrometheusBlockDurations> fetch(HttpClient http, URI baseUrl, Duration timeout)
      throws IOException {
    String base = baseUrl.toString().endsWith("/") ? baseUrl.toString() : baseUrl + "/";
    HttpRequest req = HttpRequest.newBuilder(URI.create(base + "api/v1/status/flags")).timeout(timeout).GET().build();
    HttpResponse<byte[]> resp;
    try {
      resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted fetching Prometheus flags", e);
    }
    if (resp.statusCode() == 404) {
      return Optional.empty();
    }
    if (resp.statusCode() != 200) {
      throw new IOException("Prometheus " + req.uri() + " answered HTTP " + resp.statusCode());
    }
    return Optional.of(parse(resp.body(), req.uri().toString()));
  }

  /**
   * Parses a flags answer ({@code {"status":"success","data":{flag: value, ...}}}).
   *
   * @throws IOException naming {@code source} when the answer or a duration is malformed
   */
  static PrometheusBlockDurations parse(byte[] body, String source) throws IOException {
    JsonNode data;
    try {
      data = JSON.readTree(body).path("data");
    } catch (JacksonException e) {
      throw new IOException(source + ": not JSON: " + e.getOriginalMessage(), e);
    }
    return new PrometheusBlockDurations(duration(data, "storage.tsdb.min-block-duration", source),
        duration(data, "storage.tsdb.max-block-duration", source));
  }

  private static Duration duration(JsonNode data, String flag, String source) throws IOException {
    JsonNode v = data.path(flag);
    if (!v.isString()) {
      throw new IOException(source + ": flag " + flag + " missing");
    }
    try {
      return PromDuration.parse(v.asString());
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": flag " + flag + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks the durations for shipping.
   *
   * @param ignoreUnequal accept different min and max ({@code --shipper.ignore-unequal-block-size}) with a warning
   * @return warnings to log (empty when all is as recommended)
   * @throws IllegalStateException when min and max differ and that is not ignored
   */
  public List<String> verify(boolean ignoreUnequal) {
    List<String> warnings = new ArrayList<>();
    if (!min.equals(max)) {
      if (!ignoreUnequal) {
        throw new IllegalStateException("found that TSDB Max time is " + PromDuration.format(max.toMillis())
            + " and Min time is " + PromDuration.format(min.toMillis()) + ". Compaction needs to be disabled "
            + "(storage.tsdb.min-block-duration = storage.tsdb.max-block-duration)");
      }
      warnings.add("flag to ignore Prometheus min/max block duration flags differing is being used. If the upload "
          + "of a 2h block fails and a Prometheus compaction happens that block may be missing from your Thanos "
          + "bucket storage.");
    }
    if (!min.equals(RECOMMENDED)) {
      warnings.add("found that TSDB block time is not 2h. Only 2h block time is recommended. block-time="
          + PromDuration.format(min.toMillis()));
    }
    return warnings;
  }
}
