package io.thanosjvm.app.queryfrontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.queryfrontend.testing.FaultInjectingProxy;
import io.thanosjvm.queryfrontend.testing.FrontendPrometheus;
import io.thanosjvm.testing.PrometheusServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code thanos query-frontend} started from Thanos flags with a real Prometheus 2.42 (76 hours of promtool
 * blocks) as its downstream, behind a counting fault injector: range queries (GET and POST) answer what
 * Prometheus answers, split per day and cached; instant queries are retried; labels, series and other paths are
 * proxied with only the forwarded headers; bad parameters get Prometheus' bad_data answer; metrics carry Thanos'
 * names; a bad cache configuration stops start-up.
 */
class QueryFrontendAppTest {

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final long H = 3_600_000L;
  private static final long DAY1 = FrontendPrometheus.START + 2 * H; // 2023-11-15T00:00Z

  private static PrometheusServer prometheus;
  private static FaultInjectingProxy proxy;
  private static ConfigurableApplicationContext app;
  private static URI frontend;
  /** A second frontend with compressed responses (started and closed with the first: they share Netty's loops). */
  private static ConfigurableApplicationContext gzipApp;

  @BeforeAll
  static void start() throws Exception {
    prometheus = FrontendPrometheus.get();
    proxy = new FaultInjectingProxy(prometheus.url());
    app = run("--http-address=127.0.0.1:0", "--query-frontend.downstream-url=" + proxy.url(),
        "--query-range.response-cache-config=type: IN-MEMORY\nconfig:\n  max_size: 64MB\n",
        "--query-frontend.forward-header=X-Forward-Me", "--query-frontend.log-queries-longer-than=-1s");
    frontend = URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
    gzipApp = run("--http-address=127.0.0.1:0", "--query-frontend.downstream-url=" + prometheus.url(),
        "--query-frontend.compress-responses");
  }

  @AfterAll
  static void stop() {
    if (gzipApp != null) {
      gzipApp.close();
    }
    if (app != null) {
      app.close();
    }
    proxy.close();
  }

  private static ConfigurableApplicationContext run(String... args) {
    int[] exit = {0};
    String[] spring = ThanosCommandLine.prepare("query-frontend", args, System.out, System.err, exit);
    assertThat(spring).as("flags accepted").isNotNull();
    return ThanosQueryFrontendApplication.run(spring);
  }

  private static HttpResponse<String> get(URI base, String pathAndQuery, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String rangeQuery(String query, long start, long end, String step) {
    return "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&start=" + start / 1000.0 + "&end="
        + end / 1000.0 + "&step=" + step;
  }

  @Test
  void rangeQueriesAnswerLikePrometheusSplitPerDayAndAreCached() throws Exception {
    String qs = rangeQuery("avg by (job) (demo_memory_bytes)", DAY1 + 5 * H + 7_000, DAY1 + 2 * 86_400_000L + 9 * H,
        "600");
    String direct = get(prometheus.url(), "/api/v1/query_range?" + rangeQuery("avg by (job) (demo_memory_bytes)",
        DAY1 + 5 * H, DAY1 + 2 * 86_400_000L + 9 * H, "600")).body();
    proxy.reset();
    HttpResponse<String> viaFrontend = get(frontend, "/api/v1/query_range?" + qs, "X-Forward-Me", "t",
        "X-Secret", "s");
    assertThat(viaFrontend.statusCode()).isEqualTo(200);
    assertThat(viaFrontend.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
        .startsWith("application/json"));
    assertThat(viaFrontend.body()).as("aligned to the step like Prometheus asked for the aligned range")
        .isEqualTo(direct);
    assertThat(proxy.seen("/api/v1/query_range")).hasSize(3).allSatisfy(s -> assertThat(s.headers())
        .containsKey("X-forward-me").doesNotContainKey("X-secret"));

    HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(frontend + "/api/v1/query_range"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(qs)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).isEqualTo(200);
    assertThat(posted.body()).isEqualTo(direct);
    assertThat(proxy.seen("/api/v1/query_range")).as("the repeated query came from the cache").hasSize(3);

    String metrics = get(frontend, "/metrics").body();
    assertThat(metrics).containsPattern("(?m)^thanos_query_frontend_queries_total\\{op=\"query_range\"} [2-9]")
        .containsPattern("(?m)^thanos_frontend_split_queries_total(\\{})? [6-9]")
        .containsPattern("(?m)^cortex_cache_hits_total\\{name=\"frontend-cache\"} [3-9]")
        .contains("cortex_cache_fetched_keys_total{name=\"frontend-cache\"}")
        .contains("cortex_cache_request_duration_seconds_bucket{method=\"fetch\",name=\"frontend-cache\"");
  }

  @Test
  void badParametersGetPrometheusBadDataAnswer() throws Exception {
    String qs = rangeQuery("up", DAY1 + 2 * H, DAY1 + H, "60");
    HttpResponse<String> viaFrontend = get(frontend, "/api/v1/query_range?" + qs);
    HttpResponse<String> direct = get(prometheus.url(), "/api/v1/query_range?" + qs);
    assertThat(viaFrontend.statusCode()).isEqualTo(400).isEqualTo(direct.statusCode());
    assertThat(viaFrontend.body()).isEqualTo(direct.body()).contains("\"errorType\":\"bad_data\"");
    HttpResponse<String> tooMany = get(frontend, "/api/v1/query_range?" + rangeQuery("up", DAY1, DAY1 + 3 * 86_400_000L,
        "10"));
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(tooMany.body()).contains("exceeded maximum resolution of 11,000 points per timeseries");
  }

  @Test
  void instantQueriesAreRetriedAndAnswerLikePrometheus() throws Exception {
    String qs = "query=" + URLEncoder.encode("sum(demo_cpu_seconds_total)", StandardCharsets.UTF_8) + "&time="
        + (DAY1 + 3 * H) / 1000;
    String direct = get(prometheus.url(), "/api/v1/query?" + qs).body();
    proxy.reset();
    proxy.failNext(2, 502);
    HttpResponse<String> viaFrontend = get(frontend, "/api/v1/query?" + qs);
    assertThat(viaFrontend.statusCode()).isEqualTo(200);
    assertThat(viaFrontend.body()).isEqualTo(direct);
    assertThat(proxy.attempts()).isEqualTo(3);

    HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(frontend + "/api/v1/query"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(qs)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).isEqualTo(200);
    assertThat(posted.body()).isEqualTo(direct);
  }

  @Test
  void compressResponsesGzipsAnswersForClientsThatAcceptIt() throws Exception {
    URI base = URI.create("http://127.0.0.1:" + gzipApp.getEnvironment().getProperty("local.server.port"));
    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/query_range?"
        + rangeQuery("demo_memory_bytes", DAY1, DAY1 + 6 * H, "60"))).header("Accept-Encoding", "gzip").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("{\"status\":\"success\"");
    }
    HttpResponse<byte[]> plain = HTTP.send(HttpRequest.newBuilder(URI.create(frontend + "/api/v1/labels"))
        .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(plain.headers().firstValue("Content-Encoding")).as("off by default").isEmpty();
  }

  /**
   * Labels, label values and series go through the metadata pipeline (split by day, Thanos' default range and
   * partial_response added), so the downstream sees rewritten requests: each carries only the forwarded headers and
   * the merged answer is Prometheus' own.
   */
  @Test
  void labelsAndSeriesAreSplitAndAnswerLikePrometheusWithOnlyTheForwardedHeaders() throws Exception {
    String range = "start=" + (DAY1 - 2 * H) / 1000 + "&end=" + (DAY1 + 30 * H) / 1000;
    for (String p : List.of("/api/v1/labels?" + range, "/api/v1/label/job/values?" + range,
        "/api/v1/series?match%5B%5D=demo_memory_bytes%7Bjob%3D%22api%22%7D&" + range)) {
      proxy.reset();
      HttpResponse<String> viaFrontend = get(frontend, p, "X-Forward-Me", "yes", "X-Secret", "no");
      HttpResponse<String> direct = get(prometheus.url(), p);
      assertThat(viaFrontend.statusCode()).as(p).isEqualTo(direct.statusCode());
      assertThat(viaFrontend.body()).as(p).startsWith("{\"status\":\"success\",\"data\":[")
          .isEqualTo(direct.body());
      assertThat(proxy.seen()).as(p + ": one request per day").hasSize(3).allSatisfy(s -> {
        assertThat(p).startsWith(s.path());
        assertThat(s.query()).contains("partial_response=true");
        assertThat(s.headers()).containsKey("X-forward-me").doesNotContainKey("X-secret");
      });
    }
    assertThat(get(frontend, "/metrics").body()).containsPattern("(?m)^thanos_query_frontend_queries_total\\{op=\""
        + "series\"} [1-9]");
  }

  @Test
  void otherPathsAreProxiedWithOnlyTheForwardedHeaders() throws Exception {
    List<String> paths = new ArrayList<>(List.of("/api/v1/status/buildinfo",
        "/api/v1/query_exemplars?query=up&start=1&end=2"));
    for (String p : paths) {
      proxy.reset();
      HttpResponse<String> viaFrontend = get(frontend, p, "X-Forward-Me", "yes", "X-Secret", "no");
      HttpResponse<String> direct = get(prometheus.url(), p);
      assertThat(viaFrontend.statusCode()).as(p).isEqualTo(direct.statusCode());
      assertThat(viaFrontend.body()).as(p).isEqualTo(direct.body());
      assertThat(proxy.seen()).as(p).singleElement().satisfies(s -> {
        assertThat(s.path() + (s.query().isEmpty() ? "" : "?" + s.query())).isEqualTo(p);
        assertThat(s.headers()).containsKey("X-forward-me").doesNotContainKey("X-secret");
      });
    }
    assertThat(get(frontend, "/api/v1/labels?start=" + DAY1 / 1000 + "&end=" + (DAY1 + H) / 1000).body())
        .contains("\"__name__\"");
    assertThat(get(frontend, "/-/healthy").statusCode()).isEqualTo(200);
    assertThat(get(frontend, "/-/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void aBadCacheConfigurationOrDownstreamUrlStopsStartUp() {
    assertThatThrownBy(() -> run("--http-address=127.0.0.1:0",
        "--query-range.response-cache-config=type: IN-MEMORY\nconfig:\n  max_sise: 64MB\n"))
        .hasStackTraceContaining("response cache config: key 'config.max_sise': unknown key");
    assertThatThrownBy(() -> run("--http-address=127.0.0.1:0",
        "--query-range.response-cache-config=type: MEMCACHE\n"))
        .hasStackTraceContaining("response cache with type MEMCACHE is not supported");
    assertThatThrownBy(() -> run("--http-address=127.0.0.1:0", "--query-frontend.downstream-url=localhost:9090"))
        .hasStackTraceContaining("must be an http:// or https:// URL");
  }
}
