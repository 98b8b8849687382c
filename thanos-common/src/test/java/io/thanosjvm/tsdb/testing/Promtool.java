package io.thanosjvm.tsdb.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the real promtool and the shared make-prom-blocks tool for tests; fails clearly when missing. */
public final class Promtool {

  private Promtool() {}

  /** The shared directory (system property thanos.shared.dir, else found by walking up). */
  public static Path sharedDir() {
    String p = System.getProperty("thanos.shared.dir");
    if (p != null && Files.isDirectory(Path.of(p))) {
      return Path.of(p);
    }
    Path d = Path.of("").toAbsolutePath();
    while (d != null) {
      if (Files.isDirectory(d.resolve("shared/tools"))) {
        return d.resolve("shared");
      }
      d = d.getParent();
    }
    throw new IllegalStateException("shared dir not found; set -Dthanos.shared.dir");
  }

  /** Path of a binary on PATH, failing the test with an install hint when absent. */
  public static String require(String binary) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir, binary);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    fail(binary + " not found on PATH: install the Debian package 'prometheus' (see .ci/install-prometheus.sh)");
    return null;
  }

  /** Runs a command, returning stdout; fails the test on a non-zero exit. */
  public static byte[] run(Path workDir, List<String> cmd) throws IOException, InterruptedException {
    Path outFile = Files.createTempFile("cmd", ".out");
    Path errFile = Files.createTempFile("cmd", ".err");
    try {
      Process p = new ProcessBuilder(cmd).directory(workDir.toFile())
          .redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        fail("timed out: " + cmd);
      }
      if (p.exitValue() != 0) {
        fail("command failed (" + p.exitValue() + "): " + cmd + "\n" + Files.readString(errFile));
      }
      return Files.readAllBytes(outFile);
    } finally {
      Files.deleteIfExists(outFile);
      Files.deleteIfExists(errFile);
    }
  }

  /** Makes promtool blocks with the shared generator into {@code out}. */
  public static void makeBlocks(Path out, String... options) throws IOException, InterruptedException {
    require("promtool");
    List<String> cmd = new ArrayList<>();
    cmd.add(sharedDir().resolve("tools/make-prom-blocks").toString());
    cmd.add("--out");
    cmd.add(out.toString());
    cmd.add("-q");
    cmd.addAll(List.of(options));
    run(out.getParent(), cmd);
  }

  /**
   * Runs {@code promtool tsdb dump} on a copy of the block folder (promtool needs a wal/ dir and writes
   * chunks_head/), returning its output.
   */
  public static String dump(Path dataDir, String... extra) throws IOException, InterruptedException {
    String promtool = require("promtool");
    Path copy = Files.createTempDirectory("promtool-dump");
    try {
      copyTree(dataDir, copy);
      Files.createDirectories(copy.resolve("wal"));
      List<String> cmd = new ArrayList<>(List.of(promtool, "tsdb", "dump"));
      cmd.addAll(List.of(extra));
      cmd.add(copy.toString());
      return new String(run(copy, cmd), StandardCharsets.UTF_8);
    } finally {
      deleteTree(copy);
    }
  }

  /** Runs {@code promtool tsdb analyze} on a copy of the folder; returns its output. */
  public static String analyze(Path dataDir, String blockId) throws IOException, InterruptedException {
    String promtool = require("promtool");
    Path copy = Files.createTempDirectory("promtool-analyze");
    try {
      copyTree(dataDir, copy);
      Files.createDirectories(copy.resolve("wal"));
      return new String(run(copy, List.of(promtool, "tsdb", "analyze", copy.toString(), blockId)),
          StandardCharsets.UTF_8);
    } finally {
      deleteTree(copy);
    }
  }

  /** Copies a directory tree. */
  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  /** Deletes a directory tree. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The ULID block directories inside a data directory, sorted. */
  public static List<Path> blocks(Path dataDir) throws IOException {
    try (Stream<Path> s = Files.list(dataDir)) {
      return s.filter(p -> Files.exists(p.resolve("meta.json"))).sorted().toList();
    }
  }
}
