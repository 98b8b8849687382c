package io.thanosjvm.testing;

import io.thanosjvm.wire.prompb.Label;
import io.thanosjvm.wire.prompb.Sample;
import io.thanosjvm.wire.prompb.TimeSeries;
import io.thanosjvm.wire.prompb.WriteRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.xerial.snappy.Snappy;

/**
 * A real Prometheus 2.42 (Debian package {@code prometheus}) started for a test on 127.0.0.1 with a free port,
 * a temporary TSDB directory, the given external labels, the remote-write receiver enabled and fixed 2h blocks.
 * Stopped by handle in {@link #close()}. Fails (never skips) when the binary is missing.
 */
public final class PrometheusServer implements AutoCloseable {

  private static final String INSTALL_HINT = "prometheus not found: run .ci/install-prometheus.sh "
      + "(Debian package 'prometheus', version 2.42)";

  private Process process;
  private final List<String> command;
  private final int port;
  private final Path dir;
  private final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PrometheusServer(Process process, List<String> command, int port, Path dir, Path log) {
    this.process = process;
    this.command = command;
    this.port = port;
    this.dir = dir;
    this.log = log;
  }

  /** Starts Prometheus with these external labels and waits until it is ready. */
  public static PrometheusServer start(Map<String, String> externalLabels) throws IOException, InterruptedException {
    return start(externalLabels, null);
  }

  /**
   * Starts Prometheus with these external labels over a copy of the blocks in {@code blocksDir} (when not null)
   * as its TSDB, and waits until it is ready.
   */
  public static PrometheusServer start(Map<String, String> externalLabels, Path blocksDir)
      throws IOException, InterruptedException {
    StringBuilder config = new StringBuilder("global:\n  scrape_interval: 1h\n");
    if (!externalLabels.isEmpty()) {
      config.append("  external_labels:\n");
      externalLabels.forEach((k, v) -> config.append("    ").append(k).append(": \"").append(v).append("\"\n"));
    }
    return startWithConfig(config.toString(), blocksDir);
  }

  /**
   * Starts Prometheus with this configuration file's text over a copy of the blocks in {@code blocksDir} (when not
   * null) as its TSDB, and waits until it is ready. {@code {{port}}} in the text becomes its own listen port (for
   * self-scraping).
   */
  public static PrometheusServer startWithConfig(String configYaml, Path blocksDir)
      throws IOException, InterruptedException {
    Path binary = Path.of("/usr/bin/prometheus");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(INSTALL_HINT);
    }
    Path dir = Files.createTempDirectory("prometheus-test");
    int port = freePort();
    Files.writeString(dir.resolve("prometheus.yml"), configYaml.replace("{{port}}", Integer.toString(port)));
    if (blocksDir != null) {
      io.thanosjvm.tsdb.testing.Promtool.copyTree(blocksDir, dir.resolve("data"));
    }
    Path log = dir.resolve("prometheus.log");
    List<String> command = List.of(binary.toString(),
        "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port,
        "--web.enable-remote-write-receiver",
        "--storage.tsdb.min-block-duration=2h",
        "--storage.tsdb.max-block-duration=2h",
        "--storage.tsdb.retention.time=100y");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    PrometheusServer server = new PrometheusServer(p, command, port, dir, log);
    server.awaitReady();
    return server;
  }

  /** The base URL, e.g. {@code http://127.0.0.1:40123}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The port. */
  public int port() {
    return port;
  }

  /** Pushes series with exact samples through remote write (one transaction); fails on a non-204 answer. */
  public void remoteWrite(List<TimeSeries> series) throws IOException, InterruptedException {
    byte[] body = Snappy.compress(WriteRequest.newBuilder().addAllTimeseries(series).build().toByteArray());
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(url().resolve("/api/v1/write"))
        .header("Content-Encoding", "snappy").header("Content-Type", "application/x-protobuf")
        .header("X-Prometheus-Remote-Write-Version", "0.1.0")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 204) {
      throw new IllegalStateException("remote write answered " + r.statusCode() + ": " + r.body());
    }
  }

  /** A remote-write series from alternating label names/values and parallel timestamp/value arrays. */
  public static TimeSeries series(String[] labels, long[] timestamps, double[] values) {
    TimeSeries.Builder b = TimeSeries.newBuilder();
    List<Label> ls = new ArrayList<>();
    for (int i = 0; i < labels.length; i += 2) {
      ls.add(Label.newBuilder().setName(labels[i]).setValue(labels[i + 1]).build());
    }
    ls.sort((x, y) -> x.getName().compareTo(y.getName()));
    b.addAllLabels(ls);
    for (int i = 0; i < timestamps.length; i++) {
      b.addSamples(Sample.newBuilder().setTimestamp(timestamps[i]).setValue(values[i]));
    }
    return b.build();
  }

  /** Stops the process (SIGTERM, then SIGKILL after 10 s) and leaves the temp dir for inspection on failure. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Starts Prometheus again on the same port and data directory (after {@link #kill()}). */
  public void restart() throws IOException, InterruptedException {
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    awaitReady();
  }

  /** Kills the process at once (simulating a crash). */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited: " + Files.readString(log));
      }
      try {
        if (http.send(HttpRequest.newBuilder(url().resolve("/-/ready")).GET().build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("prometheus not ready within 60s: " + Files.readString(log));
  }

  /** A free loopback port. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The data directory root. */
  public Path dir() {
    return dir;
  }
}
