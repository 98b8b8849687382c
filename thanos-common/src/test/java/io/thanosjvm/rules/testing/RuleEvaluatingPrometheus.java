package io.thanosjvm.rules.testing;

import io.thanosjvm.objstore.PeerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus 2.42 that evaluates a rule file and sends its alerts to an Alertmanager: the reference the
 * ruler is compared with. Remote-write receiver on (the test writes its data through it), external labels and
 * external URL as given, evaluation interval 1s. Stopped by handle.
 */
public final class RuleEvaluatingPrometheus implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final PeerProcess process;
  private final HttpClient http = HttpClient.newHttpClient();

  private RuleEvaluatingPrometheus(PeerProcess process) {
    this.process = process;
  }

  /** Starts Prometheus over {@code ruleFile} sending to {@code alertmanager} ({@code host:port}). */
  public static RuleEvaluatingPrometheus start(Path dir, Path ruleFile, String alertmanager,
      Map<String, String> externalLabels, String externalUrl) throws IOException, InterruptedException {
    Path binary = Path.of("/usr/bin/prometheus");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("prometheus not found: run .ci/install-prometheus.sh");
    }
    Files.createDirectories(dir);
    StringBuilder cfg = new StringBuilder("global:\n  scrape_interval: 1h\n  evaluation_interval: 1s\n");
    if (!externalLabels.isEmpty()) {
      cfg.append("  external_labels:\n");
      externalLabels.forEach((k, v) -> cfg.append("    ").append(k).append(": \"").append(v).append("\"\n"));
    }
    cfg.append("rule_files:\n  - ").append(ruleFile.toAbsolutePath()).append('\n');
    cfg.append("alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['").append(alertmanager)
        .append("']\n");
    Files.writeString(dir.resolve("prometheus.yml"), cfg);
    int port = PeerProcess.freePort();
    PeerProcess p = PeerProcess.start("prometheus", List.of(binary.toString(),
        "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port, "--web.enable-remote-write-receiver",
        "--web.external-url=" + externalUrl), port, dir.resolve("prometheus.log"), Duration.ofSeconds(60));
    RuleEvaluatingPrometheus prom = new RuleEvaluatingPrometheus(p);
    prom.awaitReady();
    return prom;
  }

  private void awaitReady() throws IOException, InterruptedException {
    for (int i = 0; i < 600; i++) {
      try {
        if (http.send(HttpRequest.newBuilder(url().resolve("/-/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("prometheus not ready: " + process.logTail());
  }

  /** The base URL. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + process.port());
  }

  /** The {@code data} of an instant query at {@code timeMillis}. */
  public JsonNode query(String expr, long timeMillis) throws IOException, InterruptedException {
    String q = "query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&time=" + timeMillis / 1000.0;
    JsonNode n = JSON.readTree(http.send(HttpRequest.newBuilder(url().resolve("/api/v1/query?" + q)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    if (!"success".equals(n.get("status").asString())) {
      throw new IllegalStateException(n.toString());
    }
    return n.get("data");
  }

  /** Pushes series through remote write (one transaction); fails on a non-204 answer. */
  public void remoteWrite(List<io.thanosjvm.wire.prompb.TimeSeries> series) throws IOException, InterruptedException {
    byte[] body = org.xerial.snappy.Snappy.compress(io.thanosjvm.wire.prompb.WriteRequest.newBuilder()
        .addAllTimeseries(series).build().toByteArray());
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(url().resolve("/api/v1/write"))
        .header("Content-Encoding", "snappy").header("Content-Type", "application/x-protobuf")
        .header("X-Prometheus-Remote-Write-Version", "0.1.0")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 204) {
      throw new IllegalStateException("remote write answered " + r.statusCode() + ": " + r.body());
    }
  }

  /** The last lines of its log. */
  public String logTail() {
    return process.logTail();
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
