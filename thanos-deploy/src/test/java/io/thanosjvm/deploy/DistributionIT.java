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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution the container image copies ({@code thanos-deploy/target/thanos-dist}: {@code bin/thanos} and
 * {@code lib/<module>.jar}), run as the image runs it: {@code thanos} as the entrypoint, the JVM options of the
 * image and the chart in {@code JAVA_TOOL_OPTIONS}, a Spring profile from {@code SPRING_PROFILES_ACTIVE}, a working
 * directory outside the distribution. Docker does not run here; this is the layer the image adds on a JRE.
 */
class DistributionIT {

  private static final String JVM_OPTIONS = "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir
  Path work;

  static Path dist() {
    String dir = System.getProperty("thanos.dist.dir");
    Path p = dir != null ? Path.of(dir) : Path.of("target/thanos-dist").toAbsolutePath();
    assertThat(p.resolve("bin/thanos")).as("the assembled distribution (mvn package -pl thanos-deploy -am)")
        .isRegularFile();
    return p;
  }

  @Test
  void holdsTheLauncherAndEveryComponentJar() throws IOException {
    Path dist = dist();
    assertThat(Files.isExecutable(dist.resolve("bin/thanos"))).isTrue();
    List<String> jars;
    try (Stream<Path> s = Files.list(dist.resolve("lib"))) {
      jars = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(jars).contains("thanos-common.jar", "thanos-query-app.jar", "thanos-store-app.jar",
        "thanos-sidecar-app.jar", "thanos-compactor-app.jar", "thanos-query-frontend-app.jar",
        "thanos-tools-app.jar");
  }

  @Test
  void thanosHelpListsTheComponents() throws Exception {
    Result r = run(List.of("--help"), Map.of(), Duration.ofSeconds(60));
    assertThat(r.exit).as(r.output).isZero();
    assertThat(r.output).contains("query", "store", "compact", "sidecar", "query-frontend", "tools");
    Result q = run(List.of("store", "--help"), Map.of(), Duration.ofSeconds(60));
    assertThat(q.exit).as(q.output).isZero();
    assertThat(q.output).contains("--objstore.config-file", "--index-cache-size");
  }

  @Test
  void queryStartsWithTheK8sProfileServesItsProbesAndStopsOnSigterm() throws Exception {
    int http = freePort();
    int grpc = freePort();
    // the chart's store discovery: a DNS SRV name (nothing answers it here; the querier starts and keeps asking)
    Process p = start(List.of("query", "--http-address=127.0.0.1:" + http, "--grpc-address=127.0.0.1:" + grpc,
        "--http-grace-period=5s", "--grpc-grace-period=5s",
        "--endpoint=dnssrv+_grpc._tcp.obs-thanos-storegateway-headless.monitoring.svc.cluster.local"),
        Map.of("SPRING_PROFILES_ACTIVE", "k8s"));
    try {
      awaitReady(p, http);
      assertThat(get(http, "/-/healthy").statusCode()).isEqualTo(200);
      assertThat(get(http, "/metrics").body()).contains("thanos_build_info", "jvm_memory_used_bytes");
      p.destroy(); // SIGTERM, as the kubelet sends
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stopped within the grace period").isTrue();
      String log = Files.readString(work.resolve("out.log"));
      // the k8s profile: Thanos' JSON log lines
      assertThat(log.lines().filter(l -> l.startsWith("{") && l.contains("\"level\"")).count())
          .as(log).isPositive();
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void storeStartsOverTheDevProfilesFilesystemBucket() throws Exception {
    int http = freePort();
    int grpc = freePort();
    Path bucket = Files.createDirectories(work.resolve("bucket"));
    Process p = start(List.of("store", "--http-address=127.0.0.1:" + http, "--grpc-address=127.0.0.1:" + grpc,
        "--data-dir=" + work.resolve("store")), Map.of("SPRING_PROFILES_ACTIVE", "dev", "THANOS_DEV_BUCKET",
        bucket.toString()));
    try {
      awaitReady(p, http);
      assertThat(get(http, "/api/v1/blocks").statusCode()).isEqualTo(200);
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
      p.destroyForcibly();
    }
  }

  private record Result(int exit, String output) {}

  private Result run(List<String> args, Map<String, String> env, Duration timeout) throws Exception {
    Process p = start(args, env);
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("thanos " + args + " did not finish in " + timeout);
    }
    return new Result(p.exitValue(), Files.readString(work.resolve("out.log")));
  }

  private Process start(List<String> args, Map<String, String> env) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(dist().resolve("bin/thanos").toString());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(work.resolve("out.log").toFile());
    pb.environment().put("JAVA_TOOL_OPTIONS", JVM_OPTIONS);
    pb.environment().remove("THANOS_JAVA_OPTS");
    pb.environment().putAll(env);
    return pb.start();
  }

  private void awaitReady(Process p, int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError("exited with " + p.exitValue() + ": " + Files.readString(work.resolve("out.log")));
      }
      try {
        if (get(port, "/-/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("not ready in 120 s: " + Files.readString(work.resolve("out.log")));
  }

  private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
