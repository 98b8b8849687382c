package io.thanosjvm.bench.queryfrontend;

import io.thanosjvm.bench.query.PrometheusProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Starts a real Prometheus 2.42 ({@link PrometheusProcess}) over a fresh copy of a blocks directory. */
final class PrometheusLauncher {

  private PrometheusLauncher() {}

  static PrometheusProcess start(Path blocks, Path work) throws IOException, InterruptedException {
    Path tsdb = work.resolve("prometheus-tsdb");
    delete(tsdb);
    copy(blocks, tsdb);
    return PrometheusProcess.start(tsdb, work);
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
}
