package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.store.prometheus.PrometheusClient;
import io.thanosjvm.store.prometheus.PrometheusEndpoint;
import io.thanosjvm.store.prometheus.PrometheusSidecarState;
import io.thanosjvm.store.prometheus.PrometheusStore;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.wire.prompb.TimeSeries;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Thanos' minimal recipe end to end: two real Prometheus 2.42 HA replicas (external labels differ only by
 * {@code replica}) holding the same series with gaps in different places, a sidecar StoreAPI + Info in front of
 * each, and {@code thanos query --query.replica-label=replica} over both. Deduplicated answers equal those of a
 * third Prometheus holding the complete data, over our HTTP API and through {@code promtool query}.
 */
class MinimalRecipeIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final long STEP = 15_000;
  private static final int SAMPLES = 240;
  private static final long TWO_HOURS = 7_200_000;
  /**
   * Eight minutes before a 2h boundary, between 70 and 190 minutes ago (a fresh head takes all of it in one
   * write). Prometheus cuts head chunks at 2h boundaries, so b's first chunk ends at sample 31 while a's chunks
   * end at its gap and at a predicted count (sample 157): the replicas' chunks never line up, at any time of day.
   * That layout once made the deduplicator lose sample 158 (see {@code OverlapSplit}).
   */
  private static final long START =
      (System.currentTimeMillis() - 62 * 60_000) / TWO_HOURS * TWO_HOURS - 8 * 60_000;
  /**
   * Query steps at sample indices 2, 6, 10, ...: the penalty algorithm drops the two samples right after a
   * switch of replica (indices 20, 21 and 140, 141 here), which such steps never look at.
   */
  private static final long FIRST_STEP_S = START / 1000 + 30;
  private static final long LAST_STEP_S = FIRST_STEP_S + 59 * 60;

  private static PrometheusServer replicaA;
  private static PrometheusServer replicaB;
  private static PrometheusServer complete;
  private static Server sidecarA;
  private static Server sidecarB;
  private static ConfigurableApplicationContext query;
  private static int queryPort;

  /** The series: two gauges, two counters; {@code gap} says which sample indices a replica misses. */
  private static List<TimeSeries> data(IntPredicate gap) {
    List<TimeSeries> out = new ArrayList<>();
    String[][] labels = {{"__name__", "temperature", "job", "node", "instance", "i-1"},
        {"__name__", "temperature", "job", "node", "instance", "i-2"},
        {"__name__", "http_requests_total", "job", "api", "code", "200"},
        {"__name__", "http_requests_total", "job", "api", "code", "500"}};
    for (int s = 0; s < labels.length; s++) {
      List<Long> ts = new ArrayList<>();
      List<Double> vs = new ArrayList<>();
      for (int k = 0; k < SAMPLES; k++) {
        if (!gap.test(k)) {
          ts.add(START + k * STEP);
          vs.add(s < 2 ? k * (s + 1) + 0.5 : k * 10.0 * (s - 1));
        }
      }
      out.add(PrometheusServer.series(labels[s], ts.stream().mapToLong(Long::longValue).toArray(),
          vs.stream().mapToDouble(Double::doubleValue).toArray()));
    }
    return out;
  }

  private static PrometheusServer prometheus(Map<String, String> external, IntPredicate gap) throws Exception {
    PrometheusServer p = PrometheusServer.start(external);
    p.remoteWrite(data(gap));
    return p;
  }

  /** The sidecar's gRPC side as {@code thanos sidecar} wires it: StoreAPI over remote read, Info from state. */
  private static Server sidecar(PrometheusServer prometheus) throws IOException {
    PrometheusClient client = new PrometheusClient(new PrometheusEndpoint(prometheus.url(), Duration.ofSeconds(10)));
    PrometheusSidecarState state = new PrometheusSidecarState(client);
    state.refresh();
    assertThat(state.ready()).as(state.problem()).isTrue();
    return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .permitKeepAliveTime(10, TimeUnit.SECONDS)
        .addService(PrometheusStore.forSidecar(client, state))
        .addService(new InfoService(() -> state.info(Long.MIN_VALUE)))
        .build().start();
  }

  @BeforeAll
  static void start() throws Exception {
    // a misses five minutes early on, b ten minutes later: every sample exists in at least one replica
    replicaA = prometheus(Map.of("cluster", "eu1", "replica", "a"), k -> k >= 20 && k < 40);
    replicaB = prometheus(Map.of("cluster", "eu1", "replica", "b"), k -> k >= 140 && k < 180);
    complete = prometheus(Map.of("cluster", "eu1"), k -> false);
    sidecarA = sidecar(replicaA);
    sidecarB = sidecar(replicaB);
    int[] exit = {0};
    query = ThanosQueryApplication.run(ThanosCommandLine.prepare("query", new String[] {
        "--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0", "--query.replica-label=replica",
        "--endpoint=127.0.0.1:" + sidecarA.getPort(), "--endpoint=127.0.0.1:" + sidecarB.getPort()},
        System.out, System.err, exit));
    queryPort = Integer.parseInt(query.getEnvironment().getProperty("local.server.port"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (rangeQuery(ours(), "temperature", "&dedup=false").size() < 4) {
      assertThat(System.nanoTime()).as("querier never saw both sidecars").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (query != null) {
      query.close();
    }
    for (Server s : new Server[] {sidecarA, sidecarB}) {
      if (s != null) {
        s.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      }
    }
    for (PrometheusServer p : new PrometheusServer[] {replicaA, replicaB, complete}) {
      if (p != null) {
        p.close();
      }
    }
  }

  private static URI ours() {
    return URI.create("http://127.0.0.1:" + queryPort);
  }

  private static JsonNode rangeQuery(URI server, String expr, String extra) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.resolve("/api/v1/query_range?query="
        + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&start=" + FIRST_STEP_S + "&end=" + LAST_STEP_S
        + "&step=60" + extra)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode n = JSON.readTree(r.body());
    assertThat(n.path("status").asString("")).as(r.body()).isEqualTo("success");
    return n.get("data").get("result");
  }

  /**
   * The result with {@code cluster} removed from every metric: Prometheus' own API never shows its external
   * labels, the querier always does (they identify the source).
   */
  private static JsonNode withoutCluster(JsonNode result) {
    ArrayNode copy = ((ArrayNode) result).deepCopy();
    for (JsonNode series : copy) {
      JsonNode metric = series.get("metric");
      if (metric instanceof ObjectNode m) {
        m.remove("cluster");
      }
    }
    return copy;
  }

  private static final List<String> EXPRESSIONS = List.of("temperature", "http_requests_total",
      "http_requests_total{code=\"500\"}", "sum(temperature)", "max by (instance) (temperature)",
      "sum by (code) (http_requests_total)", "temperature{instance=~\"i-.\"} * 2");

  @Test
  void deduplicatedRangeQueriesEqualTheCompleteData() throws Exception {
    for (String expr : EXPRESSIONS) {
      JsonNode got = rangeQuery(ours(), expr, "");
      JsonNode want = rangeQuery(complete.url(), expr, "");
      assertThat(want).as("reference %s", expr).isNotEmpty();
      assertThat(withoutCluster(got)).as(expr).isEqualTo(want);
      for (JsonNode s : got) {
        assertThat(s.get("metric").has("replica")).as("replica label removed: %s", s).isFalse();
        assertThat(s.get("values")).as("no gap left: %s", expr).hasSize(60);
      }
    }
  }

  @Test
  void withoutDedupEachReplicaShowsItsGaps() throws Exception {
    JsonNode got = rangeQuery(ours(), "temperature{instance=\"i-1\"}", "&dedup=false");
    JsonNode want = rangeQuery(complete.url(), "temperature{instance=\"i-1\"}", "").get(0).get("values");
    assertThat(got).extracting(s -> s.get("metric").get("replica").asString()).containsExactly("a", "b");
    // a's five-minute gap is bridged by the lookback with stale values; b's ten-minute gap leaves steps empty
    assertThat(got.get(0).get("values")).hasSize(60).isNotEqualTo(want);
    assertThat(got.get(1).get("values").size()).isLessThan(60);
  }

  private static JsonNode promtool(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("promtool", "query"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("promtool %s: %s", args, out).isZero();
    return JSON.readTree(out);
  }

  @Test
  void promtoolRangeQueriesAgainstTheQuerierGiveTheCompleteData() throws Exception {
    for (String expr : EXPRESSIONS) {
      String[] range = {"range", "-o", "json", "--start=" + FIRST_STEP_S, "--end=" + LAST_STEP_S, "--step=1m"};
      JsonNode got = promtool(concat(range, ours().toString(), expr));
      JsonNode want = promtool(concat(range, complete.url().toString(), expr));
      assertThat(want).as("reference %s", expr).isNotEmpty();
      assertThat(withoutCluster(got)).as(expr).isEqualTo(want);
    }
  }

  @Test
  void promtoolInstantQueriesAgainstTheQuerierGiveTheCompleteData() throws Exception {
    // instants right after each replica's gap starts and inside b's longer gap
    for (long k : new long[] {22, 38, 142, 170}) {
      String time = String.valueOf((START + k * STEP) / 1000);
      for (String expr : EXPRESSIONS) {
        String[] instant = {"instant", "-o", "json", "--time=" + time};
        JsonNode got = promtool(concat(instant, ours().toString(), expr));
        JsonNode want = promtool(concat(instant, complete.url().toString(), expr));
        assertThat(want).as("reference %s at %s", expr, time).isNotEmpty();
        assertThat(withoutCluster(got)).as("%s at sample %d", expr, k).isEqualTo(want);
      }
    }
  }

  private static String[] concat(String[] head, String... tail) {
    String[] out = new String[head.length + tail.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(tail, 0, out, head.length, tail.length);
    return out;
  }
}
