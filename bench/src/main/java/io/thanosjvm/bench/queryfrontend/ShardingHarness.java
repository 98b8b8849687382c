package io.thanosjvm.bench.queryfrontend;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.bench.query.LocalQuerier;
import io.thanosjvm.bench.query.QueryLatencyHarness;
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
import io.thanosjvm.queryfrontend.ShardingAnalyzer;
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
 * Vertical query sharding's speed-up: {@code sum by} range queries over make-prom-blocks blocks (10,000 series by
 * default) through the frontend's range pipeline (no results cache) in front of our querier + store gateway (one JVM,
 * filesystem bucket, HTTP between frontend and querier), with 1, 2 and 4 vertical shards. Prints p50/p90 per query
 * and shard count and the speed-up over one shard, and checks every sharded answer equals the unsharded one.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.thanosjvm.bench.queryfrontend.ShardingHarness \
 *     [workDir=/tmp/qfe-sharding] [series=10000] [runs=10] [hours=6] [stepSeconds=60]
 * </pre>
 */
public final class ShardingHarness {

  private static final long START = 1_699_999_200_000L;
  private static final int[] SHARDS = {1, 2, 4};
  private static final int WARMUP = 2;
  private static final List<String> QUERIES = List.of(
      "sum by (job) (rate(demo_http_requests_total[5m]))",
      "sum by (zone) (demo_memory_bytes)",
      "sum by (instance) (rate(demo_cpu_seconds_total[5m]))",
      "sum by (job, zone) (rate(demo_http_requests_total[5m]))");

  private ShardingHarness() {}

  /** Runs the harness; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "/tmp/qfe-sharding");
    int series = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int hours = args.length > 3 ? Integer.parseInt(args[3]) : 6;
    int step = args.length > 4 ? Integer.parseInt(args[4]) : 60;
    Path blocks = work.resolve("blocks-" + series + "-" + hours + "h");
    if (!Files.isDirectory(blocks) || QueryLatencyHarness.isEmpty(blocks)) {
      QueryLatencyHarness.generate(blocks, series, hours);
    }
    Path bucketDir = QueryLatencyHarness.fresh(work.resolve("bucket"));
    int uploaded = QueryLatencyHarness.upload(blocks, bucketDir);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    QueryRangeSettings settings = new QueryRangeSettings(Duration.ZERO, 1, Duration.ZERO, 14, Duration.ofMinutes(1),
        true, true);
    System.out.printf("blocks %d, %d series x %dh, range %dh step %ds, %d runs; %d cores; ms p50 / p90%n", uploaded,
        series, hours, hours, step, runs, Runtime.getRuntime().availableProcessors());
    try (LocalQuerier ours = new LocalQuerier(bucketDir, QueryLatencyHarness.fresh(work.resolve("store")))) {
      System.out.printf("%-58s", "expression (shard labels)");
      for (int s : SHARDS) {
        System.out.printf(" %17s", s + (s == 1 ? " shard" : " shards"));
      }
      System.out.printf(" %10s %10s%n", "x2", "x4");
      for (String q : QUERIES) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("query", List.of(q));
        params.put("start", List.of(Long.toString(START / 1000)));
        params.put("end", List.of(Long.toString(START / 1000 + hours * 3600L)));
        params.put("step", List.of(Integer.toString(step)));
        RangeRequest request = RangeRequest.parse(params, true);
        long[] p50 = new long[SHARDS.length];
        StringBuilder row = new StringBuilder();
        String expected = null;
        for (int i = 0; i < SHARDS.length; i++) {
          RangeHandler h = pipeline(ours, settings, SHARDS[i], pool);
          String body = null;
          for (int w = 0; w < WARMUP; w++) {
            body = answer(h, request);
          }
          if (expected == null) {
            expected = body;
          } else if (!expected.equals(body)) {
            throw new IllegalStateException(SHARDS[i] + " shards answered " + q + " differently");
          }
          long[] t = new long[runs];
          for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            answer(h, request);
            t[r] = System.nanoTime() - t0;
          }
          Arrays.sort(t);
          p50[i] = t[runs / 2];
          row.append(String.format(" %7.0f / %7.0f", t[runs / 2] / 1e6, t[Math.min(runs - 1, runs * 9 / 10)] / 1e6));
        }
        String label = q + " " + ShardingAnalyzer.analyze(q).labels();
        System.out.printf("%-58s%s %9.2fx %9.2fx%n", label.length() > 58 ? label.substring(0, 58) : label, row,
            (double) p50[0] / p50[1], (double) p50[0] / p50[2]);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static RangeHandler pipeline(LocalQuerier ours, QueryRangeSettings settings, int shards,
      ExecutorService pool) {
    FrontendMetrics metrics = new FrontendMetrics(new SimpleMeterRegistry());
    var downstream = new RetryingDownstream(new HttpDownstream(ours.url(), Duration.ofMinutes(5)), 1,
        Backoff.thanos(new Random(1)), n -> metrics.retries().increment());
    return QueryRangePipeline.build(settings, shards, downstream, null, pool, Clock.systemUTC(), metrics);
  }

  private static String answer(RangeHandler h, RangeRequest r) {
    QueryResponse a = h.handle(r, RequestHeaders.NONE);
    String body = new String(a.body(), StandardCharsets.UTF_8);
    if (!a.ok()) {
      throw new IllegalStateException("query failed: " + body);
    }
    return body;
  }
}
