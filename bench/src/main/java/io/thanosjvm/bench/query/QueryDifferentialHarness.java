package io.thanosjvm.bench.query;

import io.thanosjvm.promql.testkit.PromAnswers;
import io.thanosjvm.promql.testkit.PromDataSet;
import io.thanosjvm.promql.testkit.RandomApiQueries;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The random-query differential timed (#19): the queries of the query app's
 * {@code RandomQueriesAnswerLikePrometheusTest} ({@link RandomApiQueries}: seeded random PromQL, each expression as an
 * instant query at a random time and a range query over a random span and step), sent one at a time to a
 * {@code thanos store} + {@code thanos query} pair started as processes through {@code bin/thanos} over a filesystem
 * bucket and to Prometheus 2.42 on the same promtool blocks. One unmeasured warm-up pass over every query on both, then R measured passes alternating which
 * side goes first; prints each side's total time, the ratio, and every answer that differs.
 *
 * <pre>
 * mvn -q -o package -pl bench,thanos-store-app,thanos-query-app -am -DskipTests
 * java -cp bench/target/benchmarks.jar io.thanosjvm.bench.query.QueryDifferentialHarness \
 *     [workDir=/tmp/query-differential] [count=300] [seed=19] [passes=3] [series=60]
 * </pre>
 * Run from the project root (it starts {@code bin/thanos}).
 */
public final class QueryDifferentialHarness {

  private static final int HOURS = 6;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private QueryDifferentialHarness() {}

  /** Runs the harness; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "/tmp/query-differential");
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 19;
    int passes = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    int series = args.length > 4 ? Integer.parseInt(args[4]) : 60;
    Path blocks = work.resolve("blocks");
    if (!Files.isDirectory(blocks) || QueryLatencyHarness.isEmpty(blocks)) {
      QueryLatencyHarness.generate(blocks, series, HOURS);
    }
    Path bucketDir = QueryLatencyHarness.fresh(work.resolve("bucket"));
    int uploaded = QueryLatencyHarness.upload(blocks, bucketDir);
    Path tsdb = QueryLatencyHarness.fresh(work.resolve("prometheus-tsdb"));
    QueryLatencyHarness.copyTree(blocks, tsdb);
    List<String> queries = RandomApiQueries.of(seed, count, PromDataSet.defaultStart(HOURS));
    System.out.printf("differential: %d blocks (%d series, %dh), seed %d, %d expressions = %d queries, %d passes%n",
        uploaded, series, HOURS, seed, count, queries.size(), passes);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    try (LoadHarness.ThanosProcess store = LoadHarness.ThanosProcess.start(work.resolve("store.log"), "store",
            "--objstore.config={type: FILESYSTEM, config: {directory: " + bucketDir + "}}",
            "--data-dir=" + QueryLatencyHarness.fresh(work.resolve("store-data")));
        LoadHarness.ThanosProcess query = LoadHarness.ThanosProcess.start(work.resolve("query.log"), "query",
            "--endpoint=127.0.0.1:" + store.grpcPort());
        PrometheusProcess prom = PrometheusProcess.start(tsdb, work)) {
      query.awaitStores(1);
      URI ours = query.url();
      URI theirs = prom.url();
      List<String> differences = new ArrayList<>();
      long warmOurs = 0;
      long warmTheirs = 0;
      for (String q : queries) { // warm-up pass, also the comparison
        long t0 = System.nanoTime();
        String a = get(http, theirs, q);
        long t1 = System.nanoTime();
        String b = get(http, ours, q);
        warmTheirs += t1 - t0;
        warmOurs += System.nanoTime() - t1;
        String d = PromAnswers.difference(JSON.readTree(a), JSON.readTree(b));
        if (d != null) {
          differences.add(URLDecoder.decode(q, StandardCharsets.UTF_8) + "\n    "
              + d.substring(0, Math.min(400, d.length())));
        }
      }
      System.out.printf("warm-up pass (cold JVM): Prometheus %.2f s, ours %.2f s, ratio %.2fx%n", warmTheirs / 1e9,
          warmOurs / 1e9, (double) warmOurs / warmTheirs);
      long[] oursNanos = new long[passes];
      long[] theirsNanos = new long[passes];
      for (int p = 0; p < passes; p++) {
        for (String q : queries) {
          boolean oursFirst = p % 2 == 0;
          long t0 = System.nanoTime();
          get(http, oursFirst ? ours : theirs, q);
          long t1 = System.nanoTime();
          get(http, oursFirst ? theirs : ours, q);
          long t2 = System.nanoTime();
          oursNanos[p] += oursFirst ? t1 - t0 : t2 - t1;
          theirsNanos[p] += oursFirst ? t2 - t1 : t1 - t0;
        }
        System.out.printf("pass %d: Prometheus %.2f s, ours %.2f s, ratio %.2fx%n", p + 1, theirsNanos[p] / 1e9,
            oursNanos[p] / 1e9, (double) oursNanos[p] / theirsNanos[p]);
      }
      long so = java.util.Arrays.stream(oursNanos).sum();
      long st = java.util.Arrays.stream(theirsNanos).sum();
      System.out.printf("total of %d measured passes: Prometheus %.2f s, ours %.2f s, ratio %.2fx; answers differing:"
          + " %d of %d%n", passes, st / 1e9, so / 1e9, (double) so / st, differences.size(), queries.size());
      differences.forEach(d -> System.out.println("  " + d));
    }
  }

  private static String get(HttpClient http, URI base, String pathAndQuery) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(pathAndQuery))
        .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
    return r.body();
  }
}
