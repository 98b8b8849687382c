package io.thanosjvm.deploy;

import static io.thanosjvm.deploy.DistProcesses.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.thanosjvm.wire.infopb.InfoGrpc;
import io.thanosjvm.wire.infopb.InfoRequest;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every metric a dashboard panel or an alert names is exported by the component it watches: the store gateway,
 * compactor, querier and query frontend are started from the assembled distribution over a filesystem bucket
 * holding generated blocks, exercised (range queries through the frontend twice, instant and label queries, gRPC
 * Info calls), receive (one remote-write request) and rule (a recording and an alerting rule evaluated through the
 * querier) alongside, and their {@code /metrics} scraped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsCoverageIT {

  /** Series Prometheus makes itself for every target; no app exports them. */
  private static final Set<String> SCRAPE_MADE = Set.of("up");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final List<String> APPS = List.of("store", "compact", "query", "query-frontend", "receive", "rule");

  private Path work;
  private DistProcesses apps;
  private final Map<String, Set<String>> exported = new HashMap<>();

  @BeforeAll
  void startTheComponentsAndScrapeThem() throws Exception {
    work = Files.createTempDirectory("metrics-coverage");
    // six JVMs on a small machine: small heaps, quick start
    apps = new DistProcesses(work, "-Xmx384m -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError");
    Path bucket = Files.createDirectories(work.resolve("bucket"));
    String bucketYaml = "{type: FILESYSTEM, config: {directory: '" + bucket + "'}}";
    apps.run("tools", "blocks", "generate", "--output-dir", work.resolve("blocks").toString(), "--series", "20",
        "--duration", "6h", "--external-label", "cluster=demo");
    apps.run("tools", "bucket", "upload-blocks", "--path=" + work.resolve("blocks"), "--label=cluster=\"demo\"",
        "--objstore.config=" + bucketYaml);

    int storeGrpc = freePort();
    int queryGrpc = freePort();
    apps.start("store", "store", List.of("--grpc-address=127.0.0.1:" + storeGrpc,
        "--data-dir=" + work.resolve("store"), "--objstore.config=" + bucketYaml));
    apps.start("compact", "compact", List.of("--data-dir=" + work.resolve("compact"), "--wait",
        "--consistency-delay=0s", "--objstore.config=" + bucketYaml));
    apps.start("query", "query", List.of("--grpc-address=127.0.0.1:" + queryGrpc, "--endpoint=127.0.0.1:" + storeGrpc));
    apps.awaitReady("query", null);
    apps.start("query-frontend", "query-frontend", List.of(
        "--query-frontend.downstream-url=http://127.0.0.1:" + apps.httpPort("query"),
        "--query-range.response-cache-config={type: IN-MEMORY, config: {max_size: 64MB}}"));
    int remoteWrite = freePort();
    int receiveGrpc = freePort();
    apps.start("receive", "receive", List.of("--grpc-address=127.0.0.1:" + receiveGrpc,
        "--remote-write.address=127.0.0.1:" + remoteWrite, "--tsdb.path=" + work.resolve("receive"),
        "--label=replica=\"r0\"", "--objstore.config=" + bucketYaml));
    Path rules = Files.writeString(work.resolve("rules.yml"), """
        groups:
          - name: coverage
            interval: 5s
            rules:
              - record: cluster:series:count
                expr: count by (cluster) ({cluster="demo"})
              - alert: DemoSeriesPresent
                expr: vector(1)
        """);
    int ruleGrpc = freePort();
    // an Alertmanager address nothing listens on: the sender counts its failures
    apps.start("rule", "rule", List.of("--grpc-address=127.0.0.1:" + ruleGrpc, "--data-dir=" + work.resolve("rule"),
        "--rule-file=" + rules, "--query=127.0.0.1:" + apps.httpPort("query"), "--eval-interval=5s",
        "--label=replica=\"r0\"", "--alertmanagers.url=http://127.0.0.1:" + freePort()));
    for (String app : APPS) {
      apps.awaitReady(app, null);
    }

    for (int port : List.of(storeGrpc, queryGrpc, receiveGrpc, ruleGrpc)) {
      ManagedChannel ch = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
      try {
        InfoGrpc.newBlockingStub(ch).withDeadlineAfter(10, TimeUnit.SECONDS).info(InfoRequest.getDefaultInstance());
      } finally {
        ch.shutdownNow();
      }
    }
    long end = Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond() / 60 * 60;
    String range = "/api/v1/query_range?query=" + enc("count by (cluster) ({cluster=\"demo\"})")
        + "&start=" + (end - 6 * 3600) + "&end=" + end + "&step=60";
    for (int i = 0; i < 2; i++) { // the second one hits the results cache
      assertOk("query-frontend", range);
    }
    assertOk("query", "/api/v1/query?query=" + enc("count({cluster=\"demo\"})"));
    assertOk("query-frontend", "/api/v1/labels");
    assertOk("query", "/api/v1/query_range?query=up&start=" + (end - 600) + "&end=" + end + "&step=60");
    remoteWrite(remoteWrite);
    Thread.sleep(12_000); // two rule evaluations
    for (String app : APPS) {
      exported.put(app, scrape(app));
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (apps != null) {
      apps.close();
    }
  }

  @Test
  void everyMetricOfEveryDashboardIsExportedByTheComponentItWatches() {
    assertCovered(Observability.dashboardQueries());
  }

  @Test
  void everyMetricOfEveryAlertIsExportedByTheComponentItWatches() {
    assertCovered(Observability.ruleQueries());
  }

  /** One remote-write request (snappy + protobuf) into receive, so its write path has counted something. */
  private static void remoteWrite(int port) throws Exception {
    long now = System.currentTimeMillis();
    io.thanosjvm.wire.prompb.WriteRequest req = io.thanosjvm.wire.prompb.WriteRequest.newBuilder()
        .addTimeseries(io.thanosjvm.wire.prompb.TimeSeries.newBuilder()
            .addLabels(io.thanosjvm.wire.prompb.Label.newBuilder().setName("__name__").setValue("coverage_total"))
            .addLabels(io.thanosjvm.wire.prompb.Label.newBuilder().setName("job").setValue("coverage"))
            .addSamples(io.thanosjvm.wire.prompb.Sample.newBuilder().setTimestamp(now).setValue(1)))
        .build();
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/api/v1/receive")).header("Content-Encoding", "snappy").header("Content-Type", "application/x-protobuf")
        .header("X-Prometheus-Remote-Write-Version", "0.1.0")
        .POST(HttpRequest.BodyPublishers.ofByteArray(org.xerial.snappy.Snappy.compress(req.toByteArray())))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode() / 100).as("remote write into receive: %s %s", r.statusCode(), r.body()).isEqualTo(2);
  }

  private void assertCovered(List<Observability.Query> queries) {
    Set<String> jvm = new TreeSet<>();
    exported.values().forEach(s -> s.stream().filter(n -> n.startsWith("jvm_") || n.startsWith("process_"))
        .forEach(jvm::add));
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Observability.Query q : queries) {
      for (String metric : Observability.metricNames(q.expr())) {
        if (SCRAPE_MADE.contains(metric)) {
          continue;
        }
        checked++;
        Set<String> have = exported.get(q.component());
        boolean ok;
        if (have != null) {
          ok = have.contains(metric);
        } else {
          Set<String> facts = FactsMetricCatalogue.names(q.component());
          // the JVM families come from the Micrometer binders every app shares
          ok = FactsMetricCatalogue.covers(facts, metric) || jvm.contains(metric);
        }
        if (!ok) {
          missing.add(q.where() + ": " + metric + (have == null ? " (not in thanos-facts §13 for " + q.component()
              + ")" : " (not in thanos " + q.component() + "'s /metrics)"));
        }
      }
    }
    assertThat(checked).as("metric references checked").isGreaterThan(40);
    assertThat(missing).as("metrics named but not exported").isEmpty();
  }

  private Set<String> scrape(String app) throws Exception {
    Set<String> names = new TreeSet<>();
    for (String line : get(app, "/metrics").body().split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int end = 0;
      while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
        end++;
      }
      names.add(line.substring(0, end));
    }
    assertThat(names).as(app).contains("thanos_build_info");
    return names;
  }

  private void assertOk(String app, String path) throws Exception {
    HttpResponse<String> r = get(app, path);
    assertThat(r.statusCode()).as("%s %s: %s", app, path, r.body()).isEqualTo(200);
  }

  private HttpResponse<String> get(String app, String path) throws IOException, InterruptedException {
    return apps.get(app, path, null);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

}
