package io.thanosjvm.tsdb.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;

/** A real Prometheus 2.42 child process on a loopback port for tests; stop it with {@link #close()}. */
public final class PrometheusServer implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PrometheusServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts Prometheus on {@code dataDir} with fixed 2h blocks, 100y retention, remote write and admin API. */
  public static PrometheusServer start(Path dataDir, Path workDir) throws IOException, InterruptedException {
    String bin = Promtool.require("prometheus");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config = workDir.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  scrape_interval: 15s\n");
    Path log = workDir.resolve("prometheus-" + port + ".log");
    Process p = new ProcessBuilder(List.of(bin, "--config.file=" + config, "--storage.tsdb.path=" + dataDir,
        "--web.listen-address=127.0.0.1:" + port, "--web.enable-remote-write-receiver", "--web.enable-admin-api",
        "--storage.tsdb.min-block-duration=2h", "--storage.tsdb.max-block-duration=2h",
        "--storage.tsdb.retention.time=100y"))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    PrometheusServer server = new PrometheusServer(p, log, port);
    try {
      server.awaitReady();
    } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("prometheus exited: " + Files.readString(log));
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/-/ready")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    fail("prometheus not ready within 60s: " + Files.readString(log));
  }

  /** The URI of a path on this server. */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** GETs an API path with query parameters (name, value, name, value...); returns the body. */
  public String get(String path, String... params) throws IOException, InterruptedException {
    StringBuilder q = new StringBuilder(path);
    for (int i = 0; i < params.length; i += 2) {
      q.append(i == 0 ? '?' : '&').append(params[i]).append('=')
          .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
    }
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(q.toString())).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      fail("GET " + q + " -> " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /** POSTs a body; returns the response. */
  public HttpResponse<String> post(String path, byte[] body, String contentType, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", contentType);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The server log so far. */
  public String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
