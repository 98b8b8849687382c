package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.objstore.config.HttpConfig;
import io.thanosjvm.objstore.config.ObjstoreConfig;
import io.thanosjvm.objstore.config.ProviderType;
import io.thanosjvm.objstore.config.S3Config;
import io.thanosjvm.objstore.s3.S3ProxyServer;
import io.thanosjvm.store.bucket.StoreGateway;
import io.thanosjvm.store.bucket.StoreLimits;
import io.thanosjvm.store.cache.IndexCaches;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.tsdb.testing.Promtool;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * promtool blocks uploaded to S3 (S3Proxy), served by the store gateway, queried through Query: every answer equals
 * a real Prometheus 2.42 holding the same blocks in its TSDB.
 */
class StoreGatewaySideBySideTest {

  /** make-prom-blocks' default start, 2023-11-14T22:00:00Z, and six hours of data. */
  private static final long START = 1_699_999_200L;
  private static final long END = START + 6 * 3600;
  private static final long EVAL = START + 4 * 3600 + 17 * 60;

  private static Path tmp;
  private static PrometheusServer prometheus;
  private static S3ProxyServer s3;
  private static Bucket bucket;
  private static StoreGateway gateway;
  private static Server grpc;
  private static org.springframework.context.ConfigurableApplicationContext query;
  private static int queryPort;

  @BeforeAll
  static void start() throws Exception {
    tmp = Files.createTempDirectory("store-side-by-side");
    Path blocks = Files.createDirectories(tmp.resolve("blocks"));
    Promtool.makeBlocks(blocks, "--series", "150", "--hours", "6", "--step", "30", "--churn", "--special");
    prometheus = PrometheusServer.start(Map.of(), blocks);
    s3 = S3ProxyServer.start(Files.createDirectories(tmp.resolve("s3")));
    s3.createBucket("thanos");
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    S3Config config = S3ProxyServer.config(s3.endpoint(), "thanos", S3Config.MIN_PART_SIZE, HttpConfig.defaults(), 2);
    bucket = BucketFactory.create(new ObjstoreConfig(ProviderType.S3, config, ""), meters, Clock.systemUTC());
    BlockUploader uploader = new BlockUploader(bucket, Clock.systemUTC());
    for (Path b : Promtool.blocks(blocks)) {
      uploader.upload(b, new UploadOptions(Map.of(), "test", 0, false));
    }
    gateway = StoreGateway.create(bucket, IndexCaches.create(null, 16L << 20, meters),
        new StoreGateway.Settings(tmp.resolve("store"), Duration.ofMinutes(5), 4, 8, StoreLimits.NONE, 20,
            Long.MIN_VALUE, Long.MAX_VALUE, List.of(), Duration.ZERO, Duration.ofHours(24)), meters,
        Clock.systemUTC());
    assertThat(gateway.sync().loaded()).isEqualTo(3);
    grpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(gateway.store())
        .addService(gateway.info()).build().start();
    int[] exit = {0};
    query = ThanosQueryApplication.run(ThanosCommandLine.prepare("query", new String[] {
        "--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0", "--endpoint=127.0.0.1:" + grpc.getPort()},
        System.out, System.err, exit));
    queryPort = Integer.parseInt(query.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  static void stop() throws Exception {
    query.close();
    grpc.shutdownNow();
    gateway.close();
    bucket.close();
    s3.close();
    prometheus.close();
    Promtool.deleteTree(tmp);
  }

  private static URI ours() {
    return URI.create("http://127.0.0.1:" + queryPort);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "demo_http_requests_total",
      "demo_memory_bytes{zone=~\"z[12]\"}",
      "demo_special_values",
      "rate(demo_http_requests_total[5m])",
      "sum by (job) (rate(demo_cpu_seconds_total[10m]))",
      "topk(3, demo_temperature_celsius)",
      "histogram_quantile(0.9, sum by (le) (rate(demo_latency_seconds_bucket[5m])))",
      "count by (__name__) ({__name__=~\"demo_.+\"})",
      "max_over_time(demo_memory_bytes[2h])",
      "resets(demo_http_requests_total[6h])",
      "absent(demo_nothing{job=\"x\"})",
      "demo_temperature_celsius offset 3h"})
  void instantQueriesAnswerLikePrometheus(String promql) throws Exception {
    String q = "/api/v1/query?query=" + enc(promql) + "&time=" + EVAL;
    var theirs = PrometheusSideBySideTest.get(prometheus.url(), q);
    assertThat(theirs.path("data").path("result").size()).as("Prometheus has data for %s", promql).isPositive();
    PrometheusSideBySideTest.assertSameResult(theirs, PrometheusSideBySideTest.get(ours(), q), promql);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "sum by (zone) (rate(demo_http_requests_total[5m]))",
      "avg(demo_temperature_celsius)",
      "demo_memory_bytes{instance=~\"host-00[0-3].\"}",
      "count(demo_cpu_seconds_total)"})
  void rangeQueriesAcrossBlockEdgesAnswerLikePrometheus(String promql) throws Exception {
    String q = "/api/v1/query_range?query=" + enc(promql) + "&start=" + START + "&end=" + END + "&step=300";
    var theirs = PrometheusSideBySideTest.get(prometheus.url(), q);
    assertThat(theirs.path("data").path("result").size()).as("Prometheus has data for %s", promql).isPositive();
    PrometheusSideBySideTest.assertSameResult(theirs, PrometheusSideBySideTest.get(ours(), q), promql);
  }

  /**
   * The side-by-side corpus (over 100 expressions: selectors, rate/increase, aggregations, binary operators with
   * matching, histogram_quantile, subqueries, offset, @, functions), each as an instant query and as a range query
   * across the block edges; every answer equal to Prometheus'. Mismatches are collected and reported together.
   */
  @org.junit.jupiter.api.Test
  void queryCorpusAnswersLikePrometheus() throws Exception {
    List<String> corpus;
    try (var in = StoreGatewaySideBySideTest.class.getResourceAsStream("/side-by-side-corpus.promql")) {
      corpus = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(100);
    List<String> failures = new java.util.ArrayList<>();
    int nonEmpty = 0;
    for (String promql : corpus) {
      for (String q : List.of("/api/v1/query?query=" + enc(promql) + "&time=" + EVAL,
          "/api/v1/query_range?query=" + enc(promql) + "&start=" + START + "&end=" + END + "&step=300")) {
        var theirs = PrometheusSideBySideTest.get(prometheus.url(), q);
        var result = theirs.path("data").path("result");
        if (result.isArray() ? result.size() > 0 : !result.isMissingNode()) {
          nonEmpty++;
        }
        try {
          PrometheusSideBySideTest.assertSameResult(theirs, PrometheusSideBySideTest.get(ours(), q), promql);
        } catch (AssertionError e) {
          failures.add((q.contains("query_range") ? "range   " : "instant ") + promql + "\n    "
              + e.getMessage().lines().limit(6).reduce((a, b) -> a + "\n    " + b).orElse(""));
        }
      }
    }
    assertThat(failures).as("queries answered differently from Prometheus").isEmpty();
    assertThat(nonEmpty).as("answers with data").isGreaterThan(2 * corpus.size() * 9 / 10);
  }

  /** promtool as a real HTTP API client prints the same against our Query as against Prometheus. */
  @ParameterizedTest
  @ValueSource(strings = {
      "instant|sum by (job) (demo_memory_bytes)|--time=" + EVAL,
      "instant|topk(3, rate(demo_http_requests_total[5m]))|--time=" + EVAL,
      "range|avg by (zone) (demo_temperature_celsius)|--start=" + START + "|--end=" + END + "|--step=10m",
      "series|--match=demo_memory_bytes{zone=\"z1\"}|--start=" + START + "|--end=" + END,
      "labels|job|--start=" + START + "|--end=" + END})
  void promtoolPrintsTheSameAsAgainstPrometheus(String spec) throws Exception {
    List<String> parts = List.of(spec.split("\\|"));
    String out = promtool(parts, ours());
    assertThat(out).isNotBlank().isEqualTo(promtool(parts, prometheus.url()));
  }

  private static String promtool(List<String> parts, URI server) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(Promtool.require("promtool"), "query", parts.get(0)));
    switch (parts.get(0)) {
      case "instant", "range" -> {
        cmd.addAll(parts.subList(2, parts.size()));
        cmd.add(server.toString());
        cmd.add(parts.get(1));
      }
      case "labels" -> {
        cmd.addAll(parts.subList(2, parts.size()));
        cmd.add(server.toString());
        cmd.add(parts.get(1));
      }
      default -> {
        cmd.addAll(parts.subList(1, parts.size()));
        cmd.add(server.toString());
      }
    }
    return new String(Promtool.run(tmp, cmd), StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/labels", "/api/v1/label/job/values",
      "/api/v1/series?match[]=demo_memory_bytes%7Bzone%3D~%22z%5B12%5D%22%7D"})
  void metadataAnswersLikePrometheus(String pathAndQuery) throws Exception {
    String range = (pathAndQuery.contains("?") ? "&" : "?") + "start=" + START + "&end=" + END;
    var theirs = PrometheusSideBySideTest.get(prometheus.url(), pathAndQuery + range);
    var mine = PrometheusSideBySideTest.get(ours(), pathAndQuery + range);
    assertThat(mine.path("status").asString()).isEqualTo("success");
    assertThat(mine.path("data")).isEqualTo(theirs.path("data"));
  }
}
