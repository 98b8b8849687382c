package io.thanosjvm.bench.queryfrontend;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.bench.query.PrometheusProcess;
import io.thanosjvm.queryfrontend.Backoff;
import io.thanosjvm.queryfrontend.FrontendMetrics;
import io.thanosjvm.queryfrontend.HttpDownstream;
import io.thanosjvm.queryfrontend.QueryRangePipeline;
import io.thanosjvm.queryfrontend.QueryRangeSettings;
import io.thanosjvm.queryfrontend.QueryResponse;
import io.thanosjvm.queryfrontend.RangeHandler;
import io.thanosjvm.queryfrontend.RangeRequest;
import io.thanosjvm.queryfrontend.RequestHeaders;
import io.thanosjvm.queryfrontend.RetryingDownstream;
import io.thanosjvm.queryfrontend.cache.InMemoryResponseCache;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Latency of a 7-day {@code query_range} (step 5m) asked of a real Prometheus 2.42 directly, through the frontend
 * pipeline with an empty cache (cold: split into 8 day-queries run in parallel, merged) and through it again with
 * the cache filled (warm: no downstream call). The pipeline runs in-process over HTTP to Prometheus (the app's
 * WebFlux layer is not included). Prints p50 and p90 per expression and checks that all three answers are
 * identical. Every path is warmed up five times before measuring.
 *
 * <p>Usage: {@code QueryFrontendHarness <workDir> [series=100] [runs=10]}. The first run with a work directory
 * generates 8 days of blocks with {@code shared/tools/make-prom-blocks}; later runs reuse them.
 */
public final class QueryFrontendHarness {

  private static final long START = 1_699_999_200_000L;
  private static final int DAYS = 8;
  private static final List<String> QUERIES = List.of(
      "demo_memory_bytes{job=\"api\"}",
      "sum by (zone) (rate(demo_http_requests_total[5m]))",
      "histogram_quantile(0.9, sum by (le) (rate(demo_latency_seconds_bucket[10m])))");
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private QueryFrontendHarness() {}

  /** Runs the harness. */
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "/tmp/qfe-harness");
    int series = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    Path blocks = work.resolve("blocks-" + series);
    if (!Files.isDirectory(blocks)) {
      generate(blocks, series);
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try (PrometheusProcess prom = PrometheusLauncher.start(blocks, work)) {
      long start = START + 30 * 60_000L;
      long end = start + 7 * 86_400_000L;
      System.out.printf("7-day range (step 5m), %d series, %d runs each; ms p50 / p90%n", series, runs);
      System.out.printf("%-70s %15s %15s %15s%n", "expression", "direct", "frontend cold", "frontend warm");
      for (String q : QUERIES) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("query", List.of(q));
        params.put("start", List.of(Long.toString(start / 1000)));
        params.put("end", List.of(Long.toString(end / 1000)));
        params.put("step", List.of("300"));
        String qs = "query=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&start=" + start / 1000 + "&end="
            + end / 1000 + "&step=300";
        String direct = direct(prom.url(), qs);
        for (int i = 0; i < 5; i++) { // warm-up: JIT of both paths, Prometheus' page cache
          direct(prom.url(), qs);
          RangeHandler frontend = pipeline(prom.url(), pool);
          RangeRequest r = RangeRequest.parse(params, true);
          frontend.handle(r, RequestHeaders.NONE);
          frontend.handle(r, RequestHeaders.NONE);
        }
        long[] d = new long[runs];
        long[] cold = new long[runs];
        long[] warm = new long[runs];
        String coldBody = null;
        String warmBody = null;
        for (int i = 0; i < runs; i++) {
          long t0 = System.nanoTime();
          direct(prom.url(), qs);
          d[i] = System.nanoTime() - t0;
          RangeHandler frontend = pipeline(prom.url(), pool);
          RangeRequest r = RangeRequest.parse(params, true);
          t0 = System.nanoTime();
          QueryResponse c = frontend.handle(r, RequestHeaders.NONE);
          coldBody = new String(c.body(), StandardCharsets.UTF_8);
          cold[i] = System.nanoTime() - t0;
          t0 = System.nanoTime();
          QueryResponse w = frontend.handle(r, RequestHeaders.NONE);
          warmBody = new String(w.body(), StandardCharsets.UTF_8);
          warm[i] = System.nanoTime() - t0;
        }
        System.out.printf("%-70s %15s %15s %15s%s%n", q, pct(d), pct(cold), pct(warm),
            direct.equals(coldBody) && direct.equals(warmBody) ? "" : "   ANSWERS DIFFER");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static RangeHandler pipeline(URI prometheus, ExecutorService pool) {
    FrontendMetrics metrics = new FrontendMetrics(new SimpleMeterRegistry());
    Clock clock = Clock.systemUTC();
    return QueryRangePipeline.build(QueryRangeSettings.DEFAULTS, new RetryingDownstream(new HttpDownstream(prometheus,
        Duration.ofMinutes(2)), 5, Backoff.thanos(new Random()), n -> { }),
        new InMemoryResponseCache(512L << 20, 0, Duration.ZERO, clock), pool, clock, metrics);
  }

  private static String direct(URI prometheus, String qs) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(prometheus + "/api/v1/query_range?" + qs))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("prometheus answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  private static String pct(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return String.format("%.1f / %.1f", s[s.length / 2] / 1e6, s[Math.min(s.length - 1, s.length * 9 / 10)] / 1e6);
  }

  private static void generate(Path blocks, int series) throws IOException, InterruptedException {
    Files.createDirectories(blocks);
    Path tool = PrometheusLauncher.sharedDir().resolve("tools/make-prom-blocks");
    Process p = new ProcessBuilder(tool.toString(), "--out", blocks.toString(), "--series", Integer.toString(series),
        "--hours", Integer.toString(DAYS * 24), "--step", "60", "--special", "--max-block-duration", "24h", "--quiet")
        .inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(tool + " failed with exit code " + p.exitValue());
    }
  }
}
