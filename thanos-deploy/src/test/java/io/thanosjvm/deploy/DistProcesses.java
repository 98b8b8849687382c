package io.thanosjvm.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Components of the assembled distribution ({@code bin/thanos} of {@link DistributionIT#dist()}) run as processes on
 * loopback the way the integration tests need them: each under a name, with its log in the work directory (an older
 * log of the same name is kept aside on a restart), its HTTP port, small heaps for a small machine, a readiness wait
 * that reports the log when a process dies, and a stop that escalates from SIGTERM to SIGKILL.
 */
final class DistProcesses implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path work;
  private final String javaToolOptions;
  private final Map<String, Process> processes = new ConcurrentHashMap<>();
  private final Map<String, Integer> httpPorts = new ConcurrentHashMap<>();

  /** Processes working in {@code work}, each JVM with {@code javaToolOptions} (heap and JIT settings). */
  DistProcesses(Path work, String javaToolOptions) {
    this.work = work;
    this.javaToolOptions = javaToolOptions;
  }

  /** A free loopback port. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Starts {@code component} as {@code name} on a free HTTP port. */
  Process start(String name, String component, List<String> flags) throws IOException {
    return start(name, component, freePort(), flags);
  }

  /** Starts {@code component} as {@code name} with {@code --http-address} on {@code httpPort}. */
  Process start(String name, String component, int httpPort, List<String> flags) throws IOException {
    List<String> args = new ArrayList<>(List.of(component, "--http-address=127.0.0.1:" + httpPort));
    args.addAll(flags);
    Path log = log(name);
    if (Files.exists(log)) {
      Files.move(log, work.resolve(name + "-" + System.nanoTime() + ".log"));
    }
    httpPorts.put(name, httpPort);
    Process p = process(args, log);
    processes.put(name, p);
    return p;
  }

  /** Runs a command to its end ({@code tools ...}), which must succeed within 3 minutes. */
  void run(String... args) throws Exception {
    Path log = work.resolve("tools.log");
    Process p = process(List.of(args), log);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("thanos %s finished", List.of(args)).isTrue();
    assertThat(p.exitValue()).as("thanos %s: %s", List.of(args), Files.readString(log)).isZero();
  }

  /** Waits up to 5 minutes for {@code /-/ready} of {@code name} to answer 200 (with this Authorization, if any). */
  void awaitReady(String name, String authorization) throws Exception {
    Process p = processes.get(name);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError(name + " exited with " + p.exitValue() + ": " + Files.readString(log(name)));
      }
      try {
        if (get(name, "/-/ready", authorization).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError(name + " not ready in 300 s: " + Files.readString(log(name)));
  }

  /** GET {@code path} of {@code name}'s HTTP port (with this Authorization header when not null). */
  HttpResponse<String> get(String name, String path, String authorization) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort(name) + path))
        .timeout(Duration.ofSeconds(60));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** The HTTP port of {@code name}. */
  int httpPort(String name) {
    return httpPorts.get(name);
  }

  /** The process running as {@code name}. */
  Process process(String name) {
    return processes.get(name);
  }

  /** The log of {@code name}. */
  Path log(String name) {
    return work.resolve(name + ".log");
  }

  private Process process(List<String> args, Path log) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(DistributionIT.dist().resolve("bin/thanos").toString());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
    pb.environment().remove("THANOS_JAVA_OPTS");
    pb.environment().remove("SPRING_PROFILES_ACTIVE");
    return pb.start();
  }

  /** Stops every process: SIGTERM, then SIGKILL after 30 s. */
  @Override
  public void close() throws InterruptedException {
    for (Process p : processes.values()) {
      p.destroy();
    }
    for (Process p : processes.values()) {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}
