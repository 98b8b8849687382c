package io.thanosjvm.bench.query;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus 2.42 ({@code /usr/bin/prometheus}, Debian package {@code prometheus}) on 127.0.0.1 and a free
 * port over a TSDB directory (a copy of the blocks), with a 100-year retention so old generated blocks stay.
 */
public final class PrometheusProcess implements AutoCloseable {

  private final Process process;
  private final int port;

  private PrometheusProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts Prometheus over {@code tsdbDir} and waits until it is ready (at most 2 minutes). */
  public static PrometheusProcess start(Path tsdbDir, Path workDir) throws IOException, InterruptedException {
    Path binary = Path.of("/usr/bin/prometheus");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException("prometheus not found: run .ci/install-prometheus.sh (Debian package "
          + "'prometheus', version 2.42)");
    }
    Path config = workDir.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  scrape_interval: 1h\n");
    int port = freePort();
    Path log = workDir.resolve("prometheus.log");
    Process p = new ProcessBuilder(List.of(binary.toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + tsdbDir, "--storage.tsdb.retention.time=100y",
        "--web.listen-address=127.0.0.1:" + port))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    PrometheusProcess prom = new PrometheusProcess(p, port);
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "stop-prometheus")); // also when interrupted
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("prometheus exited: " + Files.readString(log));
      }
      try {
        if (http.send(HttpRequest.newBuilder(prom.url().resolve("/-/ready")).GET().build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return prom;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(200);
    }
    prom.close();
    throw new IllegalStateException("prometheus not ready within 2 minutes: " + Files.readString(log));
  }

  /** The base URL. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
