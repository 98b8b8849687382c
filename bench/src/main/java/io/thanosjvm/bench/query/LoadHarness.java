package io.thanosjvm.bench.query;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Campaign R4, load: C concurrent clients send dashboard range queries for D seconds, first to our suite as users
 * run it — a {@code thanos store} process over a filesystem bucket and a {@code thanos query} process in front of
 * it, started through {@code bin/thanos} with the heap given in {@code THANOS_JAVA_OPTS} — then to Prometheus 2.42
 * on the same promtool blocks. Prints queries completed, errors, p50/p99 latency and the peak heap each of our
 * processes reported on {@code /metrics} (sampled every second), and the ratios.
 *
 * <pre>
 * THANOS_JAVA_OPTS=-Xmx1g java -cp bench/target/benchmarks.jar io.thanosjvm.bench.query.LoadHarness \
 *     /tmp/load 1000 6 50 60
 * </pre>
 * Arguments: work dir, series, hours, clients, seconds. Run from the project root (it starts {@code bin/thanos}).
 */
public final class LoadHarness {

  static final List<String> DASHBOARD = List.of(
      "sum by (job) (rate(demo_http_requests_total[5m]))",
      "quantile by (job) (0.9, rate(demo_cpu_seconds_total[5m]))",
      "avg by (zone) (demo_memory_bytes)",
      "topk(5, demo_temperature_celsius)",
      "histogram_quantile(0.99, sum by (le) (rate(demo_latency_seconds_bucket[5m])))",
      "max by (instance) (max_over_time(demo_memory_bytes[10m]))",
      "count by (zone) (demo_cpu_seconds_total)");

  private LoadHarness() {}

  /** Runs the campaign. */
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "/tmp/load-harness");
    int series = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int hours = args.length > 2 ? Integer.parseInt(args[2]) : 6;
    int clients = args.length > 3 ? Integer.parseInt(args[3]) : 50;
    int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 60;
    Path blocks = work.resolve("blocks");
    if (!Files.isDirectory(blocks) || QueryLatencyHarness.isEmpty(blocks)) {
      QueryLatencyHarness.generate(blocks, series, hours);
    }
    Path bucketDir = QueryLatencyHarness.fresh(work.resolve("bucket"));
    int uploaded = QueryLatencyHarness.upload(blocks, bucketDir);
    String range = "&start=" + QueryLatencyHarness.START + "&end=" + (QueryLatencyHarness.START + hours * 3600L)
        + "&step=60";
    System.out.printf("R4 load: %d blocks (%d series, %dh), %d clients for %d s, %d dashboard queries, step 60s,"
        + " THANOS_JAVA_OPTS=%s%n", uploaded, series, hours, clients, seconds, DASHBOARD.size(),
        System.getenv().getOrDefault("THANOS_JAVA_OPTS", ""));

    Result ours;
    try (ThanosProcess store = ThanosProcess.start(work.resolve("store.log"), "store",
            "--objstore.config={type: FILESYSTEM, config: {directory: " + bucketDir + "}}",
            "--data-dir=" + QueryLatencyHarness.fresh(work.resolve("store-data")));
        ThanosProcess query = ThanosProcess.start(work.resolve("query.log"), "query",
            "--endpoint=127.0.0.1:" + store.grpcPort())) {
      query.awaitStores(1);
      ours = run(query.url(), range, clients, seconds, List.of(store, query));
    }
    Path tsdb = QueryLatencyHarness.fresh(work.resolve("prometheus-tsdb"));
    QueryLatencyHarness.copyTree(blocks, tsdb);
    Result prom;
    try (PrometheusProcess p = PrometheusProcess.start(tsdb, work)) {
      prom = run(p.url(), range, clients, seconds, List.of());
    }
    System.out.println(ours.line("ours (query + store)"));
    System.out.println(prom.line("Prometheus 2.42"));
    System.out.printf("ratios ours/Prometheus: completed %.2fx, p50 %.2fx, p99 %.2fx%n",
        (double) ours.completed / prom.completed, ours.p50() / prom.p50(), ours.p99() / prom.p99());
  }

  /** What one side did under load. */
  record Result(long completed, long errors, long[] latenciesNanos, Map<String, Long> peakHeap, String firstError) {
    double p50() {
      return percentile(0.50);
    }

    double p99() {
      return percentile(0.99);
    }

    private double percentile(double q) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      long[] s = latenciesNanos.clone();
      Arrays.sort(s);
      return s[Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1)] / 1e6;
    }

    String line(String who) {
      StringBuilder b = new StringBuilder(String.format("%-22s completed %6d, errors %d, p50 %8.1f ms, p99 %8.1f ms",
          who, completed, errors, p50(), p99()));
      peakHeap.forEach((k, v) -> b.append(String.format(", peak heap %s %d MiB", k, v >> 20)));
      if (firstError != null) {
        b.append("\n  first error: ").append(firstError);
      }
      return b.toString();
    }
  }

  private static Result run(URI base, String range, int clients, int seconds, List<ThanosProcess> watched)
      throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();
    for (String q : DASHBOARD) { // warm-up: one of each
      send(http, base, q, range);
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    AtomicLong completed = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<long[]> perClient = new ArrayList<>();
    String[] firstError = new String[1];
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int c = 0; c < clients; c++) {
      long[] lat = new long[200_000];
      perClient.add(lat);
      int client = c;
      pool.submit(() -> {
        int i = client;
        int n = 0;
        while (System.nanoTime() < end) {
          String q = DASHBOARD.get(i++ % DASHBOARD.size());
          long t0 = System.nanoTime();
          String err;
          try {
            HttpResponse<String> r = send(http, base, q, range);
            err = r.statusCode() == 200 ? null : r.statusCode() + " " + r.body();
          } catch (Exception e) {
            err = e.toString();
          }
          if (err == null) {
            completed.incrementAndGet();
            lat[n++] = System.nanoTime() - t0;
          } else {
            errors.incrementAndGet();
            synchronized (firstError) {
              if (firstError[0] == null) {
                firstError[0] = q + ": " + err.substring(0, Math.min(300, err.length()));
              }
            }
          }
        }
        lat[lat.length - 1] = n; // count kept in the last slot
        return null;
      });
    }
    Map<String, Long> peak = new java.util.TreeMap<>();
    while (System.nanoTime() < end) {
      for (ThanosProcess p : watched) {
        peak.merge(p.component(), p.heapUsed(http), Math::max);
      }
      Thread.sleep(1000);
    }
    pool.shutdown();
    pool.awaitTermination(5, TimeUnit.MINUTES);
    List<Long> all = new ArrayList<>();
    for (long[] lat : perClient) {
      for (int k = 0; k < lat[lat.length - 1]; k++) {
        all.add(lat[k]);
      }
    }
    return new Result(completed.get(), errors.get(), all.stream().mapToLong(Long::longValue).toArray(), peak,
        firstError[0]);
  }

  private static HttpResponse<String> send(HttpClient http, URI base, String q, String range) throws Exception {
    URI uri = base.resolve("/api/v1/query_range?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + range);
    return http.send(HttpRequest.newBuilder(uri).GET().timeout(Duration.ofMinutes(2)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A component started through {@code bin/thanos} on free loopback ports. */
  static final class ThanosProcess implements AutoCloseable {
    private static final Pattern HEAP = Pattern.compile(
        "(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} (\\S+)$");
    private final String component;
    private final Process process;
    private final int httpPort;
    private final int grpcPort;
    private final Path log;

    private ThanosProcess(String component, Process process, int httpPort, int grpcPort, Path log) {
      this.component = component;
      this.process = process;
      this.httpPort = httpPort;
      this.grpcPort = grpcPort;
      this.log = log;
    }

    static ThanosProcess start(Path log, String component, String... flags) throws Exception {
      int http = PrometheusProcess.freePort();
      int grpc = PrometheusProcess.freePort();
      List<String> cmd = new ArrayList<>(List.of(Path.of("bin/thanos").toAbsolutePath().toString(), component,
          "--http-address=127.0.0.1:" + http, "--grpc-address=127.0.0.1:" + grpc));
      cmd.addAll(List.of(flags));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
      ThanosProcess t = new ThanosProcess(component, p, http, grpc, log);
      HttpClient c = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          throw new IllegalStateException(component + " exited: " + Files.readString(log));
        }
        try {
          if (c.send(HttpRequest.newBuilder(t.url().resolve("/-/ready")).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return t;
          }
        } catch (IOException notYet) {
          // starting
        }
        Thread.sleep(250);
      }
      t.close();
      throw new IllegalStateException(component + " not ready within 3 minutes: " + Files.readString(log));
    }

    void awaitStores(int n) throws Exception {
      HttpClient c = HttpClient.newHttpClient();
      for (int i = 0; i < 120; i++) {
        String body = c.send(HttpRequest.newBuilder(url().resolve("/api/v1/stores")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        if (body.split("\"lastCheck\"", -1).length - 1 >= n && !body.contains("\"lastError\":\"")) {
          return;
        }
        Thread.sleep(500);
      }
    }

    String component() {
      return component;
    }

    int grpcPort() {
      return grpcPort;
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + httpPort);
    }

    long heapUsed(HttpClient http) {
      try {
        String metrics = http.send(HttpRequest.newBuilder(url().resolve("/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = HEAP.matcher(metrics);
        double sum = 0;
        while (m.find()) {
          sum += Double.parseDouble(m.group(1));
        }
        return (long) sum;
      } catch (Exception e) {
        return 0;
      }
    }

    @Override
    public void close() throws Exception {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
