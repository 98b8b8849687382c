package io.thanosjvm.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.model.Labels;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.wire.storepb.PartialResponseStrategy;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ruler's HTTP query path against a real Prometheus 2.42, and Thanos' parameters and warnings. */
class HttpRuleQueryTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void instantQueriesOfARealPrometheusByGetAndPostGiveItsVectorAndScalars() throws Exception {
    long now = System.currentTimeMillis() / 1000 * 1000;
    try (PrometheusServer prom = PrometheusServer.start(Map.of())) {
      prom.remoteWrite(List.of(
          PrometheusServer.series(new String[] {"__name__", "up", "job", "a", "instance", "x"},
              new long[] {now - 60_000, now}, new double[] {1, 0}),
          PrometheusServer.series(new String[] {"__name__", "up", "job", "a", "instance", "y"},
              new long[] {now - 60_000, now}, new double[] {1, Double.POSITIVE_INFINITY})));
      for (HttpRuleQuery.Method m : HttpRuleQuery.Method.values()) {
        HttpRuleQuery q = new HttpRuleQuery(List.of(QueryEndpoint.parse(prom.url().toString())), m,
            Duration.ofSeconds(10), HttpClient.newHttpClient(), registry);
        assertThat(q.query("up", now, PartialResponseStrategy.ABORT)).containsExactly(
            new SeriesValue(Labels.of("__name__", "up", "instance", "x", "job", "a"), 0),
            new SeriesValue(Labels.of("__name__", "up", "instance", "y", "job", "a"), Double.POSITIVE_INFINITY));
        assertThat(q.query("up", now - 30_500, PartialResponseStrategy.WARN)).extracting(SeriesValue::value)
            .containsExactly(1.0, 1.0);
        assertThat(q.query("sum by (job) (up == bool 0)", now, PartialResponseStrategy.ABORT))
            .containsExactly(new SeriesValue(Labels.of("job", "a"), 1));
        assertThat(q.query("time() * 2", now, PartialResponseStrategy.ABORT))
            .containsExactly(new SeriesValue(Labels.EMPTY, now / 1000.0 * 2));
        assertThatThrownBy(() -> q.query("up[5m]", now, PartialResponseStrategy.ABORT))
            .hasMessageContaining("unknown query result type: matrix");
        assertThatThrownBy(() -> q.query("sum(", now, PartialResponseStrategy.ABORT))
            .hasMessageContaining("bad_data: ");
      }
    }
  }

  @Test
  void serversAreTakenInRoundRobinAndADeadOneIsSkipped() throws Exception {
    List<String> hits = Collections.synchronizedList(new ArrayList<>());
    HttpServer a = fakeQuerier("a", hits, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
    HttpServer b = fakeQuerier("b", hits, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
    int dead = PrometheusServer.freePort();
    try {
      HttpRuleQuery q = new HttpRuleQuery(List.of(endpoint(a), QueryEndpoint.parse("127.0.0.1:" + dead),
          endpoint(b)), HttpRuleQuery.Method.POST, Duration.ofSeconds(5), HttpClient.newHttpClient(), registry);
      for (int i = 0; i < 6; i++) {
        q.query("up", 1000, PartialResponseStrategy.ABORT);
      }
      assertThat(hits).extracting(h -> h.substring(0, 1)).containsExactly("a", "b", "b", "a", "b", "b");

      HttpRuleQuery none = new HttpRuleQuery(List.of(QueryEndpoint.parse("127.0.0.1:" + dead)),
          HttpRuleQuery.Method.GET, Duration.ofSeconds(5), HttpClient.newHttpClient(), registry);
      assertThatThrownBy(() -> none.query("up", 1000, PartialResponseStrategy.ABORT))
          .hasMessageStartingWith("no query API server reachable");
    } finally {
      a.stop(0);
      b.stop(0);
    }
  }

  /**
   * Prometheus never answers with warnings, and Thanos' parameters are only visible to the server: a JDK HTTP server
   * standing in for a Thanos querier that lost a store is the only option here.
   */
  @Test
  void thanosParametersAreSentAndAnswersWithWarningsAreUsedAndCountedPerStrategy() throws Exception {
    List<String> hits = Collections.synchronizedList(new ArrayList<>());
    HttpServer partial = fakeQuerier("p", hits, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
        + "\"result\":[{\"metric\":{\"a\":\"1\"},\"value\":[1.5,\"NaN\"]}]},\"warnings\":[\"store s1 failed\"]}");
    try {
      HttpRuleQuery q = new HttpRuleQuery(List.of(QueryEndpoint.parse("http://127.0.0.1:"
          + partial.getAddress().getPort() + "/prefix/")), HttpRuleQuery.Method.POST, Duration.ofSeconds(5),
          HttpClient.newHttpClient(), registry);
      List<SeriesValue> v = q.query("rate(x[5m])", 1500, PartialResponseStrategy.WARN);
      assertThat(v).hasSize(1);
      assertThat(v.get(0).value()).isNaN();
      q.query("rate(x[5m])", 2000, PartialResponseStrategy.ABORT);
      assertThat(hits).containsExactly(
          "p POST /prefix/api/v1/query query=rate(x[5m])&time=1.5&dedup=true&partial_response=true",
          "p POST /prefix/api/v1/query query=rate(x[5m])&time=2&dedup=true&partial_response=false");
      assertThat(registry.counter("thanos_rule_evaluation_with_warnings_total", "strategy", "warn").count())
          .isEqualTo(1);
      assertThat(registry.counter("thanos_rule_evaluation_with_warnings_total", "strategy", "abort").count())
          .isEqualTo(1);
    } finally {
      partial.stop(0);
    }
  }

  @Test
  void queryAddressesAreReadAsThanosReadsThem() {
    assertThat(QueryEndpoint.parse("query:10902")).isEqualTo(new QueryEndpoint("http", "query:10902", ""));
    assertThat(QueryEndpoint.parse("https://q:443/thanos/"))
        .isEqualTo(new QueryEndpoint("https", "q:443", "/thanos"));
    assertThat(QueryEndpoint.parse("dns+localhost:10902").resolve()).isNotEmpty()
        .allSatisfy(u -> assertThat(u.getPort()).isEqualTo(10902));
    assertThatThrownBy(() -> QueryEndpoint.parse("grpc://q:1")).hasMessage("\"grpc\" is not supported scheme for address");
    assertThatThrownBy(() -> QueryEndpoint.parse("")).hasMessage("static address cannot be empty");
    assertThat(QueryEndpoint.parse("dnssrv+_http._tcp.q").address()).as("SRV discovery through DnsResolver")
        .isEqualTo("dnssrv+_http._tcp.q");
  }

  @Test
  void evaluationTimesAreFormattedAsGoFormatsTheSecondsFloat() {
    assertThat(HttpRuleQuery.formatTime(1_700_000_000_000L)).isEqualTo("1700000000");
    assertThat(HttpRuleQuery.formatTime(1_700_000_000_120L)).isEqualTo("1700000000.12");
    assertThat(HttpRuleQuery.formatTime(5)).isEqualTo("0.005");
    assertThat(HttpRuleQuery.formatTime(-1500)).isEqualTo("-1.5");
  }

  private static QueryEndpoint endpoint(HttpServer s) {
    return QueryEndpoint.parse("127.0.0.1:" + s.getAddress().getPort());
  }

  private static HttpServer fakeQuerier(String name, List<String> hits, String answer) throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.createContext("/", ex -> {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      ex.getRequestBody().transferTo(body);
      String params = ex.getRequestMethod().equals("GET") ? ex.getRequestURI().getRawQuery()
          : body.toString(StandardCharsets.UTF_8);
      hits.add(name + " " + ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " "
          + URLDecoder.decode(params, StandardCharsets.UTF_8));
      byte[] out = answer.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    s.start();
    return s;
  }
}
