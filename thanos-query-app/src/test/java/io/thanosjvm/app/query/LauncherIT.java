package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/thanos} as a user runs it: help, flag errors, and a real start of {@code thanos query} with Thanos
 * flags, stopped by SIGTERM (the launcher execs the JVM, so the signal reaches it and it shuts down gracefully).
 */
class LauncherIT {

  private static final Path ROOT = projectRoot();

  private record Result(int exitCode, String output) {}

  private static Result run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/thanos").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }

  @Test
  void helpListsComponents() throws Exception {
    Result r = run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output()).contains("Commands:", "query");
  }

  @Test
  void componentHelpListsFlagsWithDefaults() throws Exception {
    Result r = run("query", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.output()).contains("--http-address=\"0.0.0.0:10902\"", "--grpc-address=\"0.0.0.0:10901\"",
        "--query.replica-label");
  }

  @Test
  void unknownFlagFailsStartUpNamingIt() throws Exception {
    Result r = run("query", "--grpc-adress=127.0.0.1:0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output()).contains("unknown long flag '--grpc-adress'", "did you mean '--grpc-address'?");
  }

  @Test
  void unknownComponentFails() throws Exception {
    Result r = run("frobnicate");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.output()).contains("unknown command \"frobnicate\"");
  }

  @Test
  void queryStartsServesProbesAndStopsGracefullyOnSigterm() throws Exception {
    int http = TestHttp.freePort();
    int grpc = TestHttp.freePort();
    Path log = Files.createTempFile("thanos-query", ".log");
    Process p = new ProcessBuilder(ROOT.resolve("bin/thanos").toString(), "query",
        "--http-address=127.0.0.1:" + http, "--grpc-address=127.0.0.1:" + grpc, "--log.format=logfmt")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      HttpResponse<String> ready = waitForReady(http, p, log);
      assertThat(ready.body()).isEqualTo("OK");
      assertThat(TestHttp.get(http, "/metrics").body()).contains("thanos_build_info{", "http_requests_total{");
      p.destroy(); // SIGTERM to the JVM itself, since the launcher exec'd it
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stops within the grace period").isTrue();
      String output = Files.readString(log);
      assertThat(output).contains("level=info", "msg=\"listening for serving gRPC\"", "port=" + grpc,
          "Graceful shutdown complete");
    } finally {
      p.destroyForcibly();
    }
  }

  private static HttpResponse<String> waitForReady(int port, Process p, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError("thanos query exited early:\n" + Files.readString(log));
      }
      try {
        HttpResponse<String> r = TestHttp.get(port, "/-/ready");
        if (r.statusCode() == 200) {
          return r;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("not ready within 90s:\n" + Files.readString(log));
  }

  private static Path projectRoot() {
    String configured = System.getProperty("thanos.project.dir");
    if (configured != null && Files.exists(Path.of(configured, "bin", "thanos"))) {
      return Path.of(configured);
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("bin/thanos"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("bin/thanos not found above " + Path.of("").toAbsolutePath());
    }
    return p;
  }
}
