package io.thanosjvm.promql.script;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared reference directory: property {@code thanos.shared.dir}, else walk up to {@code shared/}. */
public final class SharedDir {

  private SharedDir() {}

  /** The shared directory; fails when it cannot be found. */
  public static Path locate() {
    String prop = System.getProperty("thanos.shared.dir");
    if (prop != null && Files.isDirectory(Path.of(prop))) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      Path candidate = p.resolve("shared");
      if (Files.isDirectory(candidate.resolve("promql-testdata"))) {
        return candidate;
      }
      p = p.getParent();
    }
    throw new IllegalStateException("cannot find the shared directory (set -Dthanos.shared.dir)");
  }
}
