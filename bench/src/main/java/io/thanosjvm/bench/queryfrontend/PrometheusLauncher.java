package io.thanosjvm.bench.queryfrontend;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A real Prometheus 2.42 ({@code /usr/bin/prometheus}) over a copy of a blocks directory, for the harness. */
final class PrometheusLauncher implements AutoCloseable {

  private final Process process;
  private final int port;

  private PrometheusLauncher(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static PrometheusLauncher start(Path blocks, Path work) throws IOException, InterruptedException {
    Path tsdb = work.resolve("prometheus-tsdb");
    delete(tsdb);
    copy(blocks, tsdb);
    Path config = work.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  scrape_interval: 1h\n");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p = new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + config,
        "--storage.tsdb.path=" + tsdb, "--web.listen-address=127.0.0.1:" + port,
        "--storage.tsdb.retention.time=100y").redirectErrorStream(true)
        .redirectOutput(work.resolve("prometheus.log").toFile()).start();
    PrometheusLauncher launcher = new PrometheusLauncher(p, port);
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(launcher.url() + "/-/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return launcher;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(200);
    }
    launcher.close();
    throw new IllegalStateException("prometheus not ready; see " + work.resolve("prometheus.log"));
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  static Path sharedDir() {
    String configured = System.getProperty("thanos.shared.dir");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isExecutable(p.resolve("shared/tools/make-prom-blocks"))) {
        return p.resolve("shared");
      }
    }
    throw new IllegalStateException("shared dir (with tools/make-prom-blocks) not found; set -Dthanos.shared.dir");
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted((a, b) -> b.compareTo(a))::iterator) {
        Files.delete(p);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
