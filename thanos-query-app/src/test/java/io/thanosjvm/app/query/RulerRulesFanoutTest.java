package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.model.Labels;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.infopb.RulesInfo;
import io.thanosjvm.wire.rulespb.RulesGrpc;
import io.thanosjvm.wire.rulespb.RulesRequest;
import io.thanosjvm.wire.rulespb.RulesResponse;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/rules} and {@code /api/v1/alerts} on the querier, fanned out over gRPC {@code thanos.Rules/Rules}
 * to two HA rulers ({@code replica} x and y, the same rule file, evaluating through a real Prometheus 2.42) and
 * deduplicated by {@code --query.replica-label=replica}: one group, each rule once, one firing alert. A third
 * endpoint advertises the Rules API in Info but fails every Rules call — a double, since no real ruler here fails
 * only that call — and turns into a partial-response warning, or an error with {@code partial_response=false}.
 */
class RulerRulesFanoutTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  static final String RULES = """
      groups:
        - name: ha
          interval: 1s
          rules:
            - record: job:up:sum
              expr: sum by (job) (up)
            - alert: InstanceDown
              expr: up == 0
              labels: {severity: page}
              annotations:
                summary: "{{ $labels.instance }} is down"
        - name: other
          interval: 1s
          rules:
            - record: job:up:count
              expr: count by (job) (up)
      """;

  /** Advertises the Rules API in Info; every Rules call fails with UNAVAILABLE. */
  static Server failingRulesEndpoint() throws Exception {
    return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(new InfoService(() -> Optional.of(InfoResponse.newBuilder().setComponentType("rule")
            .setRules(RulesInfo.getDefaultInstance()).build())))
        .addService(new RulesGrpc.RulesImplBase() {
          @Override
          public void rules(RulesRequest request, StreamObserver<RulesResponse> out) {
            out.onError(Status.UNAVAILABLE.withDescription("rule manager is gone").asRuntimeException());
          }
        }).build().start();
  }

  private static JsonNode body(int port, String path) throws Exception {
    HttpResponse<String> r = TestHttp.get(port, path);
    return JSON.readTree(r.body());
  }

  @Test
  void querierMergesAndDeduplicatesRulesAndAlertsOfTwoRulerReplicas() throws Exception {
    Path rules = dir.resolve("rules.yml");
    Files.writeString(rules, RULES);
    Server broken = failingRulesEndpoint();
    try (PrometheusServer prom = PrometheusServer.start(Map.of());
        HandWiredRuler x = HandWiredRuler.start(dir.resolve("x"), rules, prom.url(), Labels.of("replica", "x"),
            true);
        HandWiredRuler y = HandWiredRuler.start(dir.resolve("y"), rules, prom.url(), Labels.of("replica", "y"),
            true)) {
      HandWiredRuler.pushUp(prom);
      int[] exit = {0};
      ConfigurableApplicationContext query = ThanosQueryApplication.run(ThanosCommandLine.prepare("query",
          new String[] {"--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0", "--query.replica-label=replica",
              "--endpoint=" + x.address(), "--endpoint=" + y.address(), "--endpoint=127.0.0.1:" + broken.getPort()},
          System.out, System.err, exit));
      try {
        int port = Integer.parseInt(query.getEnvironment().getProperty("local.server.port"));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline
            && body(port, "/api/v1/alerts").get("data").get("alerts").size() < 1) {
          Thread.sleep(300);
        }

        JsonNode answer = body(port, "/api/v1/rules");
        assertThat(answer.get("status").asString()).as(answer.toString()).isEqualTo("success");
        assertThat(answer.get("warnings")).hasSize(1);
        assertThat(answer.get("warnings").get(0).asString())
            .startsWith("fetching rules from rules client 127.0.0.1:" + broken.getPort() + ": ")
            .contains("rule manager is gone");
        JsonNode groups = answer.get("data").get("groups");
        assertThat(groups).as(groups.toString()).hasSize(2);
        JsonNode ha = groups.get(0);
        assertThat(ha.get("name").asString()).isEqualTo("ha");
        assertThat(ha.get("file").asString()).isEqualTo(rules.toString());
        assertThat(ha.get("interval").asDouble()).isEqualTo(1.0);
        assertThat(ha.get("partialResponseStrategy").asString()).isEqualTo("ABORT");
        JsonNode haRules = ha.get("rules");
        assertThat(haRules).as("each rule once").hasSize(2);
        JsonNode alerting = haRules.get(0);
        assertThat(alerting.get("type").asString()).isEqualTo("alerting");
        assertThat(alerting.get("name").asString()).isEqualTo("InstanceDown");
        assertThat(alerting.get("state").asString()).isEqualTo("firing");
        assertThat(alerting.get("labels").toString()).as("replica label removed")
            .isEqualTo("{\"severity\":\"page\"}");
        assertThat(alerting.get("alerts")).hasSize(1);
        assertThat(alerting.get("alerts").get(0).get("labels").get("instance").asString()).isEqualTo("b");
        assertThat(alerting.get("alerts").get(0).get("annotations").get("summary").asString())
            .isEqualTo("b is down");
        JsonNode recording = haRules.get(1);
        assertThat(recording.get("type").asString()).isEqualTo("recording");
        assertThat(recording.get("name").asString()).isEqualTo("job:up:sum");
        assertThat(recording.get("query").asString()).isEqualTo("sum by (job) (up)");
        assertThat(recording.get("health").asString()).isEqualTo("ok");
        assertThat(recording.has("labels")).as("only replica labels: none left").isFalse();
        assertThat(groups.get(1).get("name").asString()).isEqualTo("other");
        assertThat(groups.get(1).get("rules")).hasSize(1);

        JsonNode records = body(port, "/api/v1/rules?type=record").get("data").get("groups");
        assertThat(records).hasSize(2);
        assertThat(records.get(0).get("rules")).hasSize(1);
        assertThat(records.get(0).get("rules").get(0).get("type").asString()).isEqualTo("recording");
        JsonNode alertsOnly = body(port, "/api/v1/rules?type=alert").get("data").get("groups");
        assertThat(alertsOnly).as("filtered groups are kept, empty").hasSize(2);
        assertThat(alertsOnly.get(1).get("rules")).isEmpty();
        assertThat(body(port, "/api/v1/rules?rule_group%5B%5D=other").get("data").get("groups")).hasSize(1);
        JsonNode bad = body(port, "/api/v1/rules?type=bogus");
        assertThat(bad.get("errorType").asString()).isEqualTo("bad_data");
        assertThat(bad.get("error").asString()).isEqualTo("invalid rules parameter type='bogus'");

        JsonNode alerts = body(port, "/api/v1/alerts");
        assertThat(alerts.get("data").get("alerts")).as("one alert, not one per replica").hasSize(1);
        JsonNode alert = alerts.get("data").get("alerts").get(0);
        assertThat(alert.get("state").asString()).isEqualTo("firing");
        assertThat(alert.get("value").asString()).isEqualTo("0e+00");
        assertThat(alert.get("labels").get("alertname").asString()).isEqualTo("InstanceDown");
        assertThat(alert.get("labels").get("replica").asString()).isIn("x", "y");
        assertThat(alerts.get("warnings")).hasSize(1);

        HttpResponse<String> aborted = TestHttp.get(port, "/api/v1/rules?partial_response=false");
        assertThat(aborted.statusCode()).isEqualTo(500);
        JsonNode abortedBody = JSON.readTree(aborted.body());
        assertThat(abortedBody.get("errorType").asString()).isEqualTo("internal");
        assertThat(abortedBody.get("error").asString()).startsWith("error retrieving rules: fetching rules from "
            + "rules client 127.0.0.1:" + broken.getPort());
      } finally {
        query.close();
      }
    } finally {
      broken.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
