package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.model.Labels;
import io.thanosjvm.promql.testkit.PromAnswers;
import io.thanosjvm.store.prometheus.PrometheusClient;
import io.thanosjvm.store.prometheus.PrometheusEndpoint;
import io.thanosjvm.store.prometheus.PrometheusStore;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.infopb.StoreInfo;
import io.thanosjvm.wire.prompb.TimeSeries;
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
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The same data served by a real Prometheus 2.42 and through our StoreAPI (remote read) + Query: a corpus of
 * queries gives equal JSON results (values within 1e-9 relative), and bad requests get Prometheus' answers.
 */
class PrometheusSideBySideTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final long STEP = 15_000;
  private static final int POINTS = 200;
  /** Whole minutes, so the data sits in the head's appendable window and query times are exact. */
  private static final long START = (System.currentTimeMillis() / 60_000 - 60) * 60_000;
  private static final long EVAL = START + 150 * STEP;

  private static PrometheusServer prometheus;
  private static Server store;
  private static org.springframework.context.ConfigurableApplicationContext query;
  private static int queryPort;

  @BeforeAll
  static void start() throws Exception {
    prometheus = PrometheusServer.start(Map.of());
    List<TimeSeries> data = new ArrayList<>();
    String[] jobs = {"api", "db"};
    for (String job : jobs) {
      for (int inst = 0; inst < 3; inst++) {
        long[] ts = new long[POINTS];
        double[] counter = new double[POINTS];
        double[] gauge = new double[POINTS];
        double acc = 0;
        for (int i = 0; i < POINTS; i++) {
          ts[i] = START + i * STEP;
          acc = (i == 120 && inst == 1) ? 3 : acc + 1 + (i * 7 + inst * 13) % 5; // one counter reset
          counter[i] = acc;
          gauge[i] = Math.sin(i / 10.0 + inst) * 10 + inst;
        }
        String instance = "i" + inst;
        data.add(PrometheusServer.series(new String[] {"__name__", "http_requests_total", "job", job,
            "instance", instance}, ts, counter));
        data.add(PrometheusServer.series(new String[] {"__name__", "temperature", "job", job,
            "instance", instance}, ts, gauge));
        double[] le = {0.1, 0.5, 1, Double.POSITIVE_INFINITY};
        for (int b = 0; b < le.length; b++) {
          double[] bucket = new double[POINTS];
          for (int i = 0; i < POINTS; i++) {
            bucket[i] = i * (b + 1) + inst;
          }
          data.add(PrometheusServer.series(new String[] {"__name__", "latency_seconds_bucket", "job", job,
              "instance", instance, "le", b == 3 ? "+Inf" : Double.toString(le[b])}, ts, bucket));
        }
      }
    }
    prometheus.remoteWrite(data);

    PrometheusClient client = new PrometheusClient(new PrometheusEndpoint(prometheus.url(), Duration.ofSeconds(30)));
    InfoResponse info = InfoResponse.newBuilder().setComponentType("sidecar")
        .setStore(StoreInfo.newBuilder().setMinTime(Long.MIN_VALUE).setMaxTime(Long.MAX_VALUE)).build();
    store = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(new PrometheusStore(client, () -> Labels.EMPTY))
        .addService(new InfoService(() -> Optional.of(info))).build().start();
    int[] exit = {0};
    query = ThanosQueryApplication.run(ThanosCommandLine.prepare("query", new String[] {
        "--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0", "--endpoint=127.0.0.1:" + store.getPort()},
        System.out, System.err, exit));
    queryPort = Integer.parseInt(query.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  static void stop() throws Exception {
    query.close();
    store.shutdownNow();
    prometheus.close();
  }

  static JsonNode get(URI base, String pathAndQuery) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode n = JSON.readTree(r.body());
    ((tools.jackson.databind.node.ObjectNode) n).put("httpStatus", r.statusCode());
    return n;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static URI ours() {
    return URI.create("http://127.0.0.1:" + queryPort);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http_requests_total",
      "http_requests_total{job=\"api\"}",
      "http_requests_total{instance=~\"i[12]\"}",
      "rate(http_requests_total[5m])",
      "increase(http_requests_total[10m])",
      "sum by (job) (rate(http_requests_total[5m]))",
      "sum without (instance) (rate(http_requests_total[5m]))",
      "avg(temperature)",
      "max by (instance) (temperature)",
      "topk(2, temperature)",
      "count(temperature > 2)",
      "temperature offset 10m",
      "min_over_time(temperature[10m] @ end())",
      "avg_over_time(temperature[15m])",
      "delta(temperature[10m])",
      "deriv(temperature[10m])",
      "resets(http_requests_total[50m])",
      "changes(temperature[5m])",
      "histogram_quantile(0.9, sum by (le) (rate(latency_seconds_bucket[5m])))",
      "histogram_quantile(0.5, rate(latency_seconds_bucket{job=\"db\"}[5m]))",
      "rate(http_requests_total[5m]) / on(job, instance) group_left temperature",
      "http_requests_total - ignoring(instance) group_left sum by (job) (http_requests_total)",
      "max_over_time(rate(http_requests_total[2m])[10m:1m])",
      "label_replace(temperature, \"host\", \"$1\", \"instance\", \"i(.*)\")",
      "sort_desc(sum by (instance) (temperature))",
      "absent(nonexistent_metric)",
      "vector(1) + 2",
      "scalar(sum(temperature))",
      "time()",
      "quantile_over_time(0.9, temperature[10m])",
      "stddev by (job) (temperature)",
      "count_values(\"v\", round(temperature))"})
  void instantQueriesAnswerLikePrometheus(String promql) throws Exception {
    String q = "/api/v1/query?query=" + enc(promql) + "&time=" + EVAL / 1000.0;
    assertSameResult(get(prometheus.url(), q), get(ours(), q), promql);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "rate(http_requests_total[5m])",
      "sum by (job) (increase(http_requests_total[10m]))",
      "temperature",
      "avg_over_time(temperature[5m]) > 3",
      "histogram_quantile(0.99, sum by (le, job) (rate(latency_seconds_bucket[5m])))"})
  void rangeQueriesAnswerLikePrometheus(String promql) throws Exception {
    String q = "/api/v1/query_range?query=" + enc(promql) + "&start=" + (START / 1000 + 300)
        + "&end=" + (START / 1000 + 2700) + "&step=60";
    assertSameResult(get(prometheus.url(), q), get(ours(), q), promql);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/api/v1/query?query=sum(&time=1",
      "/api/v1/query?query=up&time=yesterday",
      "/api/v1/query_range?query=sum(&start=1&end=2&step=1",
      "/api/v1/query_range?query=up&start=10&end=1&step=1",
      "/api/v1/query_range?query=up&start=1&end=10&step=0",
      "/api/v1/query_range?query=up&start=0&end=100000&step=1",
      "/api/v1/query_range?query=up&start=1&end=10&step=abc",
      "/api/v1/series",
      "/api/v1/series?match[]=" + "%7Bfoo%3D%22%22%7D",
      "/api/v1/label/a-b/values"})
  void badRequestsGetPrometheusErrors(String pathAndQuery) throws Exception {
    JsonNode theirs = get(prometheus.url(), pathAndQuery);
    JsonNode mine = get(ours(), pathAndQuery);
    assertThat(mine.path("httpStatus").asInt()).as("HTTP status").isEqualTo(theirs.path("httpStatus").asInt());
    assertThat(mine.path("status").asString()).isEqualTo("error");
    assertThat(mine.path("errorType").asString()).isEqualTo(theirs.path("errorType").asString());
    assertThat(mine.path("error").asString()).isEqualTo(theirs.path("error").asString());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/api/v1/series?match[]=temperature%7Binstance=%22i1%22%7D",
      "/api/v1/labels",
      "/api/v1/label/job/values",
      "/api/v1/label/instance/values?match[]=http_requests_total"})
  void metadataEndpointsAnswerLikePrometheus(String pathAndQuery) throws Exception {
    String range = (pathAndQuery.contains("?") ? "&" : "?") + "start=" + START / 1000 + "&end=" + EVAL / 1000;
    JsonNode theirs = get(prometheus.url(), pathAndQuery + range);
    JsonNode mine = get(ours(), pathAndQuery + range);
    assertThat(mine.path("status").asString()).isEqualTo("success");
    assertThat(mine.path("data")).isEqualTo(theirs.path("data"));
  }

  static void assertSameResult(JsonNode theirs, JsonNode mine, String promql) {
    assertThat(theirs.path("status").asString()).as("prometheus answered %s", promql).isEqualTo("success");
    assertThat(mine.path("status").asString()).as("we answered %s: %s", promql, mine).isEqualTo("success");
    assertThat(PromAnswers.difference(theirs, mine)).as(promql).isNull();
  }
}
