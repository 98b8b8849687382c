package io.thanosjvm.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.api.ApiParams;
import io.thanosjvm.api.ApiResponse;
import io.thanosjvm.api.QueryApi;
import io.thanosjvm.head.HeadAppender;
import io.thanosjvm.head.LocalTsdb;
import io.thanosjvm.head.TsdbOptions;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.model.Labels;
import io.thanosjvm.promql.engine.Engine;
import io.thanosjvm.promql.engine.EngineOptions;
import io.thanosjvm.query.endpoint.EndpointSet;
import io.thanosjvm.query.proxy.ProxyStore;
import io.thanosjvm.store.tsdb.TsdbStore;
import io.thanosjvm.testing.FixedStore;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance: {@code partial_response_strategy} with one store failing, through a real Thanos querier stack
 * (Prometheus' HTTP API over the proxy and endpoint set) in front of two StoreAPIs over gRPC: a real TSDB store
 * with the data, and a store that fails every Series call. The querier's HTTP server is the JDK's (the query app
 * itself is another module). A {@code warn} group still records and alerts, with the warnings counted; an
 * {@code abort} group fails its evaluation, counted in {@code prometheus_rule_evaluation_failures_total}.
 */
class PartialResponseStrategyTest {

  @TempDir Path dir;

  private static final String RULES = """
      groups:
        - name: tolerant
          partial_response_strategy: warn
          rules:
            - record: job:up:sum
              expr: sum by (job) (up)
            - alert: Down
              expr: up == 0
        - name: strict
          rules:
            - record: job:up:sum_strict
              expr: sum by (job) (up)
            - alert: DownStrict
              expr: up == 0
      """;

  @Test
  void warnGroupsRecordAndAlertWhileAbortGroupsFailWhenAStoreFails() throws Exception {
    long now = System.currentTimeMillis();
    ExecutorService readers = Executors.newFixedThreadPool(4);
    try (LocalTsdb tsdb = LocalTsdb.open(dir.resolve("tsdb"), TsdbOptions.defaults(), Clock.systemUTC(),
        new SimpleMeterRegistry());
        FixedStore failing = new FixedStore(Labels.of("cluster", "broken"), 0, Long.MAX_VALUE, true).start()) {
      HeadAppender app = tsdb.appender();
      app.append(Labels.of("__name__", "up", "job", "node", "instance", "a"), now - 10_000, 1);
      app.append(Labels.of("__name__", "up", "job", "node", "instance", "b"), now - 10_000, 0);
      app.commit();
      TsdbStore store = TsdbStore.of(tsdb, Labels.of("cluster", "ok"));
      Server grpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(store)
          .addService(new InfoService(() -> Optional.of(store.info("rule")))).build().start();
      failing.failWith(Status.UNAVAILABLE.withDescription("store down"));
      EndpointSet endpoints = new EndpointSet(List.of("127.0.0.1:" + grpc.getPort(), failing.address()),
          Duration.ofSeconds(5), List.of());
      endpoints.refresh();
      assertThat(endpoints.stores()).hasSize(2);
      QueryApi api = new QueryApi(new Engine(EngineOptions.defaults()),
          new ProxyStore(endpoints::stores, readers, Duration.ofSeconds(10)), Clock.systemUTC(), true);
      HttpServer querier = httpQuerier(api);
      try {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HttpRuleQuery query = new HttpRuleQuery(List.of(QueryEndpoint.parse("127.0.0.1:"
            + querier.getAddress().getPort())), HttpRuleQuery.Method.POST, Duration.ofSeconds(10),
            HttpClient.newHttpClient(), registry);
        List<SeriesValue> written = new ArrayList<>();
        SampleSink sink = (t, samples) -> {
          written.addAll(samples);
          return samples.size();
        };
        List<RuleGroup> groups = RuleFileParser.parse("rules.yml", RULES);
        Map<String, RuleGroupRunner> runners = new LinkedHashMap<>();
        for (RuleGroup g : groups) {
          runners.put(g.name(), new RuleGroupRunner(g, 60_000, new EvalOptions(0, 60_000, 60_000, false),
              new RuleGroupMetrics(registry, g, 60_000), query, AlertTemplates.LITERAL, sink, null,
              InstantSource.system(), null, 0));
        }
        long ts = now * 1_000_000L;
        runners.get("tolerant").evaluateAt(ts);
        assertThat(runners.get("tolerant").state().rules()).extracting(RuleStatus::health).containsOnly("ok");
        assertThat(written).extracting(s -> s.labels().get("__name__")).contains("job:up:sum", "ALERTS");
        assertThat(written).contains(new SeriesValue(Labels.of("__name__", "job:up:sum", "job", "node"), 1));
        assertThat(registry.counter("thanos_rule_evaluation_with_warnings_total", "strategy", "warn").count())
            .isEqualTo(2);

        written.clear();
        runners.get("strict").evaluateAt(ts);
        assertThat(written).isEmpty();
        assertThat(runners.get("strict").state().rules()).allSatisfy(r -> {
          assertThat(r.health()).isEqualTo("err");
          assertThat(r.lastError()).startsWith("no query API server reachable").contains("store down");
        });
        assertThat(registry.counter("prometheus_rule_evaluation_failures_total", "rule_group", "rules.yml;strict",
            "strategy", "abort").count()).isEqualTo(2);
        assertThat(registry.counter("prometheus_rule_evaluation_failures_total", "rule_group",
            "rules.yml;tolerant", "strategy", "warn").count()).isZero();
      } finally {
        querier.stop(0);
        grpc.shutdownNow();
      }
    } finally {
      readers.shutdownNow();
    }
  }

  /** Prometheus' /api/v1/query of the querier stack, served by the JDK's HTTP server. */
  private static HttpServer httpQuerier(QueryApi api) throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    s.createContext("/api/v1/query", ex -> {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      ex.getRequestBody().transferTo(body);
      Map<String, List<String>> params = new LinkedHashMap<>();
      for (String raw : List.of(body.toString(StandardCharsets.UTF_8),
          ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery())) {
        for (String kv : raw.split("&")) {
          if (kv.isEmpty()) {
            continue;
          }
          int eq = kv.indexOf('=');
          params.computeIfAbsent(URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8),
              k -> new ArrayList<>()).add(eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1),
              StandardCharsets.UTF_8));
        }
      }
      ApiResponse r = api.query(new ApiParams(params));
      byte[] out = r.json().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(r.httpStatus(), out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    s.start();
    return s;
  }
}
