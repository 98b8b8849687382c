package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.BlockDownloader;
import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.deletion.DeleteRequestStore;
import io.thanosjvm.block.deletion.DeleteSeriesRequest;
import io.thanosjvm.block.fetcher.FetcherMetrics;
import io.thanosjvm.block.fetcher.MetaFetcher;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.compact.BlockCompactor;
import io.thanosjvm.compact.BucketCompactor;
import io.thanosjvm.compact.CompactorSettings;
import io.thanosjvm.compact.IterationResult;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.store.bucket.StoreGateway;
import io.thanosjvm.store.bucket.StoreLimits;
import io.thanosjvm.store.cache.IndexCaches;
import io.thanosjvm.tsdb.testing.PrometheusServer;
import io.thanosjvm.tsdb.testing.Promtool;
import java.net.InetSocketAddress;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The acceptance differential of the series deletion API: promtool blocks in a filesystem bucket behind a store
 * gateway and a querier with {@code --web.enable-admin-api}, and a real Prometheus 2.42 with
 * {@code --web.enable-admin-api} on copies of the same blocks. The same two {@code delete_series} requests go to both
 * (Prometheus' own deletion, with {@code clean_tombstones}, is the oracle); then instant and range queries, series and
 * label answers over the deleted series and the others are equal (1) before the compactor ran (the querier hides),
 * (2) after the compactor applied the requests, and (3) from a fresh querier without the API, so without any
 * filtering (the blocks themselves changed); {@code promtool tsdb dump} of each rewritten block equals Prometheus'
 * cleaned block of the same range and is the original minus samples.
 */
class DeleteSeriesSideBySideTest {

  /** make-prom-blocks' default start, 2023-11-14T22:00:00Z, and six hours of data. */
  private static final long START = 1_699_999_200L;
  private static final long END = START + 6 * 3600;
  private static final long EVAL_IN = START + 2 * 3600 + 30 * 60; // inside the partial deletion
  private static final long EVAL_OUT = START + 5 * 3600; // after it

  /** Partial: one zone of one metric, 1.5h to 3.5h (across a block edge). */
  private static final String PARTIAL = "match[]=" + enc("demo_memory_bytes{zone=\"z1\"}") + "&start="
      + (START + 5400) + "&end=" + (START + 12600);
  /** Whole: every series of one instance, Prometheus' default start and end. */
  private static final String WHOLE = "match[]=" + enc("{instance=\"host-0007\"}");

  private static final List<String> PROMQL = List.of(
      "demo_memory_bytes",
      "demo_memory_bytes{zone=\"z1\"}",
      "{instance=\"host-0007\"}",
      "count by (instance) ({__name__=~\"demo_.+\"})",
      "sum by (zone) (demo_memory_bytes)",
      "last_over_time(demo_memory_bytes{zone=~\"z1|z2\"}[1h])",
      "sum(rate(demo_http_requests_total[5m]))",
      "demo_temperature_celsius{instance=~\"host-000[5-9]\"}");

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private static Path tmp;
  private static Path blocks;
  private static Path promData;
  private static PrometheusServer prometheus;
  private static FilesystemBucket bucket;
  private static String objstore;
  private static StoreGateway gateway;
  private static Server grpc;
  private static ConfigurableApplicationContext query;

  @BeforeAll
  static void start() throws Exception {
    tmp = Files.createTempDirectory("delete-series-side-by-side");
    blocks = Files.createDirectories(tmp.resolve("blocks"));
    Promtool.makeBlocks(blocks, "--series", "60", "--hours", "6", "--step", "30");
    promData = tmp.resolve("prometheus-data");
    Promtool.copyTree(blocks, promData);
    prometheus = PrometheusServer.start(promData, Files.createDirectories(tmp.resolve("prometheus")));
    Path bucketDir = Files.createDirectories(tmp.resolve("bucket"));
    bucket = new FilesystemBucket(bucketDir);
    for (Path b : Promtool.blocks(blocks)) {
      new BlockUploader(bucket, Clock.systemUTC()).upload(b, new UploadOptions(Map.of(), "test", 0, false));
    }
    objstore = "--objstore.config={type: FILESYSTEM, config: {directory: " + bucketDir + "}}";
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    gateway = StoreGateway.create(bucket, IndexCaches.create(null, 16L << 20, meters),
        new StoreGateway.Settings(tmp.resolve("store"), Duration.ofMinutes(5), 4, 8, StoreLimits.NONE, 20,
            Long.MIN_VALUE, Long.MAX_VALUE, List.of(), Duration.ZERO, Duration.ZERO), meters, Clock.systemUTC());
    assertThat(gateway.sync().loaded()).isEqualTo(3);
    grpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(gateway.store())
        .addService(gateway.info()).build().start();
    query = startQuery(true);
  }

  private static ConfigurableApplicationContext startQuery(boolean adminApi) {
    List<String> args = new ArrayList<>(List.of("--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0",
        "--endpoint=127.0.0.1:" + grpc.getPort()));
    if (adminApi) {
      args.add("--web.enable-admin-api");
      args.add(objstore);
    }
    int[] exit = {0};
    return ThanosQueryApplication.run(ThanosCommandLine.prepare("query", args.toArray(String[]::new), System.out,
        System.err, exit));
  }

  @AfterAll
  static void stop() throws Exception {
    if (query != null) {
      query.close();
    }
    if (grpc != null) {
      grpc.shutdownNow();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
    Promtool.deleteTree(tmp);
  }

  private static URI uri(ConfigurableApplicationContext ctx) {
    return URI.create("http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port"));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> post(URI base, String path, String form) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void queryHidesThenTheCompactorRemovesExactlyWhatPrometheusDeletes() throws Exception {
    URI theirs = prometheus.uri("/");
    URI ours = uri(query);
    for (String form : List.of(PARTIAL, WHOLE)) {
      HttpResponse<String> p = post(theirs, "/api/v1/admin/tsdb/delete_series", form);
      assertThat(p.statusCode()).as("Prometheus: %s", p.body()).isEqualTo(204);
      HttpResponse<String> o = post(ours, "/api/v1/admin/tsdb/delete_series", form);
      assertThat(o.statusCode()).as("ours: %s", o.body()).isEqualTo(204);
      assertThat(o.body()).isEmpty();
    }
    assertThat(post(theirs, "/api/v1/admin/tsdb/clean_tombstones", "").statusCode()).isEqualTo(204);
    List<DeleteSeriesRequest> recorded = new DeleteRequestStore(bucket).list();
    assertThat(recorded).hasSize(2);

    assertSameAnswers("(1) hidden before the compactor ran", ours);

    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    BucketCompactor compactor = new BucketCompactor(bucket, CompactorSettings.builder(tmp.resolve("compact"))
        .consistencyDelay(Duration.ZERO).deleteDelay(Duration.ZERO).downsamplingDisabled(true)
        .maxCompactionLevel(1).build(), new BlockCompactor(), Clock.systemUTC(), registry);
    IterationResult r = compactor.runIteration();
    assertThat(r.outcome()).as("%s", r.error()).isEqualTo(IterationResult.Outcome.COMPLETED);
    // the whole deletion touches every block, the partial one two of them, both in one rewrite per block
    assertThat(registry.counter("thanos_compact_deletion_requests_applied_total").count()).isEqualTo(5);
    assertThat(r.deleted()).as("the replaced blocks, deleted by the cleanup (--delete-delay=0s)").isEqualTo(3);
    assertThat(compactor.runIteration().outcome()).isEqualTo(IterationResult.Outcome.COMPLETED);
    assertThat(registry.counter("thanos_compact_deletion_requests_applied_total").count())
        .as("a second pass applies nothing again").isEqualTo(5);
    gateway.sync();

    assertSameAnswers("(2) after the compactor applied the requests", ours);
    ConfigurableApplicationContext fresh = startQuery(false);
    try {
      assertSameAnswers("(3) after the compactor, a querier without the recorded requests", uri(fresh));
      HttpResponse<String> off = post(uri(fresh), "/api/v1/admin/tsdb/delete_series", PARTIAL);
      assertThat(off.statusCode()).isEqualTo(500);
      assertThat(off.body()).isEqualTo(
          "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"admin APIs disabled\"}");
    } finally {
      fresh.close();
    }

    Map<String, BlockMeta> metas = new MetaFetcher(bucket, 4, List.of(),
        new FetcherMetrics(new SimpleMeterRegistry())).fetch().metas();
    assertThat(metas).hasSize(3);
    Set<String> ids = new TreeSet<>(recorded.stream().map(DeleteSeriesRequest::requestId).toList());
    int partialBlocks = 0;
    for (BlockMeta m : metas.values()) {
      Set<String> applied = m.thanos().map(ThanosMeta::appliedDeletionRequestIds).orElseThrow();
      assertThat(ids).containsAll(applied);
      assertThat(applied).as("every block had host-0007").isNotEmpty();
      partialBlocks += applied.size() == 2 ? 1 : 0;
      Path one = Files.createDirectories(tmp.resolve("dump-" + m.ulid()));
      new BlockDownloader(bucket).download(m.ulid(), one);
      String range = "--min-time=" + m.minTime();
      String rangeEnd = "--max-time=" + (m.maxTime() - 1);
      String rewritten = Promtool.dump(one);
      assertThat(rewritten).as("block %s against Prometheus' cleaned blocks", m.ulid())
          .isEqualTo(Promtool.dump(promData, range, rangeEnd));
      List<String> originalLines = Promtool.dump(blocks, range, rangeEnd).lines().toList();
      List<String> rewrittenLines = rewritten.lines().toList();
      assertThat(rewrittenLines).hasSizeLessThan(originalLines.size());
      assertThat(new TreeSet<>(originalLines)).containsAll(rewrittenLines);
      assertThat(rewrittenLines).noneMatch(l -> l.contains("instance=\"host-0007\""));
    }
    assertThat(partialBlocks).isEqualTo(2);
  }

  private void assertSameAnswers(String phase, URI ours) throws Exception {
    URI theirs = prometheus.uri("/");
    List<String> failures = new ArrayList<>();
    int nonEmpty = 0;
    for (String promql : PROMQL) {
      for (String q : List.of("/api/v1/query?query=" + enc(promql) + "&time=" + EVAL_IN,
          "/api/v1/query?query=" + enc(promql) + "&time=" + EVAL_OUT,
          "/api/v1/query_range?query=" + enc(promql) + "&start=" + START + "&end=" + END + "&step=300")) {
        JsonNode p = PrometheusSideBySideTest.get(theirs, q);
        nonEmpty += p.path("data").path("result").size() > 0 ? 1 : 0;
        try {
          PrometheusSideBySideTest.assertSameResult(p, PrometheusSideBySideTest.get(ours, q), promql);
        } catch (AssertionError e) {
          failures.add(q + "\n    " + e.getMessage().lines().limit(8).reduce((a, b) -> a + "\n    " + b).orElse(""));
        }
      }
    }
    String whole = "&start=" + START + "&end=" + END;
    List<String> sets = new ArrayList<>();
    for (String m : List.of("demo_memory_bytes", "{instance=\"host-0007\"}", "{job=\"db\"}",
        "{__name__=~\"demo_.+\"}")) {
      sets.add("/api/v1/series?match[]=" + enc(m) + whole);
      sets.add("/api/v1/labels?match[]=" + enc(m) + whole);
    }
    sets.add("/api/v1/series?match[]=" + enc("demo_memory_bytes") + "&start=" + START + "&end=" + (START + 3600));
    for (String label : List.of("instance", "zone", "__name__", "job")) {
      sets.add("/api/v1/label/" + label + "/values?" + whole.substring(1));
      sets.add("/api/v1/label/" + label + "/values");
      sets.add("/api/v1/label/" + label + "/values?match[]=" + enc("demo_memory_bytes{zone=\"z1\"}") + whole);
    }
    sets.add("/api/v1/labels?" + whole.substring(1));
    for (String q : sets) {
      JsonNode p = PrometheusSideBySideTest.get(theirs, q);
      JsonNode o = PrometheusSideBySideTest.get(ours, q);
      if (!"success".equals(o.path("status").asString()) || !asSet(o.path("data")).equals(asSet(p.path("data")))) {
        failures.add(q + "\n    Prometheus: " + p.path("data") + "\n    ours:       " + o);
      }
    }
    assertThat(failures).as("%s: answers different from Prometheus 2.42", phase).isEmpty();
    assertThat(nonEmpty).as("answers with data").isGreaterThan(PROMQL.size() * 2);
    // the deletions are visible at all: host-0007 is gone, zone z1 of demo_memory_bytes has a gap
    JsonNode instances = PrometheusSideBySideTest.get(ours, "/api/v1/label/instance/values");
    assertThat(asSet(instances.path("data"))).isNotEmpty().doesNotContain("\"host-0007\"");
    JsonNode gap = PrometheusSideBySideTest.get(ours, "/api/v1/query?query="
        + enc("demo_memory_bytes{zone=\"z1\"}") + "&time=" + EVAL_IN);
    assertThat(gap.path("data").path("result").size()).isZero();
  }

  private static Set<String> asSet(JsonNode array) {
    Set<String> out = new TreeSet<>();
    array.forEach(n -> out.add(n.toString()));
    return out;
  }
}
