package io.thanosjvm.app.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.rules.testing.AlertmanagerPeer;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.wire.infopb.InfoGrpc;
import io.thanosjvm.wire.infopb.InfoRequest;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.rulespb.AlertState;
import io.thanosjvm.wire.rulespb.RulesGrpc;
import io.thanosjvm.wire.rulespb.RulesRequest;
import io.thanosjvm.wire.rulespb.RulesResponse;
import io.thanosjvm.wire.storepb.LabelMatcher;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code thanos rule} against a real Prometheus 2.42 as its query API and real Alertmanagers 0.25: rules and alerts
 * APIs, gRPC Rules API (external labels added), StoreAPI + Info (component type rule, Rules API advertised) over
 * its TSDB, reload keeping the previous rules on a bad file, HA
 * pair deduplicated in Alertmanager through {@code --alert.label-drop}.
 */
class RuleAppTest {

  // HTTP/1.1 and a timeout on every request: a lost response fails the test instead of hanging the build
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private static HttpRequest.Builder request(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
  }
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  static final String RULES = """
      groups:
        - name: app
          interval: 1s
          rules:
            - record: job:up:sum
              expr: sum by (job) (up)
            - alert: InstanceDown
              expr: up == 0
              labels: {severity: page}
              annotations:
                summary: "{{ $labels.instance }} of {{ $labels.job }} is down"
      """;

  static ConfigurableApplicationContext startRuler(Path dataDir, Path rules, URI query, List<String> extra) {
    List<String> args = new ArrayList<>(List.of("--query=" + query));
    args.addAll(extra);
    return startRulerWith(dataDir, rules, args);
  }

  /** A ruler on free ports evaluating {@code rules} every second; {@code extra} says where it queries. */
  static ConfigurableApplicationContext startRulerWith(Path dataDir, Path rules, List<String> extra) {
    List<String> args = new ArrayList<>(List.of("--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0",
        "--data-dir=" + dataDir, "--rule-file=" + rules, "--eval-interval=1s"));
    args.addAll(extra);
    int[] exit = {0};
    return ThanosRuleApplication.run(ThanosCommandLine.prepare("rule", args.toArray(String[]::new), System.out,
        System.err, exit));
  }

  static void pushUp(PrometheusServer prom) throws Exception {
    long now = System.currentTimeMillis() / 1000 * 1000;
    long[] ts = new long[240];
    double[] ones = new double[240];
    double[] zeros = new double[240];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = now - 60_000 + i * 1000L;
      ones[i] = 1;
    }
    prom.remoteWrite(List.of(
        PrometheusServer.series(new String[] {"__name__", "up", "job", "node", "instance", "a"}, ts, ones),
        PrometheusServer.series(new String[] {"__name__", "up", "job", "node", "instance", "b"}, ts, zeros)));
  }

  static JsonNode get(int port, String path) throws Exception {
    HttpResponse<String> r = HTTP.send(request("http://127.0.0.1:" + port + path).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static HttpResponse<String> post(int port, String path) throws Exception {
    return HTTP.send(request("http://127.0.0.1:" + port + path)
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(200);
    }
  }

  static int port(ConfigurableApplicationContext app, String property) {
    return Integer.parseInt(app.getEnvironment().getProperty(property));
  }

  @Test
  void evaluatesServesRulesAlertsAndStoreApiAndReloadsKeepingGoodRules() throws Exception {
    Path rules = dir.resolve("rules.yml");
    Files.writeString(rules, RULES);
    try (PrometheusServer prom = PrometheusServer.start(Map.of());
        AlertmanagerPeer am = AlertmanagerPeer.start(dir.resolve("am"))) {
      pushUp(prom);
      ConfigurableApplicationContext app = startRuler(dir.resolve("data"), rules, prom.url(),
          List.of("--alertmanagers.url=" + am.url(), "--label=replica=\"r1\"", "--label=cluster=\"eu\"",
              "--alert.query-url=http://query.example:10902"));
      int http = port(app, "local.server.port");
      int grpc = port(app, "local.grpc.port");
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpc).usePlaintext().build();
      try {
        await(() -> {
          try {
            return get(http, "/api/v1/alerts").get("data").get("alerts").size() == 1;
          } catch (Exception e) {
            return false;
          }
        }, "one alert");
        JsonNode alert = get(http, "/api/v1/alerts").get("data").get("alerts").get(0);
        assertThat(alert.get("labels").get("instance").asString()).isEqualTo("b");
        assertThat(alert.get("annotations").get("summary").asString()).isEqualTo("b of node is down");
        assertThat(alert.get("state").asString()).isEqualTo("firing");
        assertThat(alert.get("value").asString()).isEqualTo("0e+00");

        JsonNode groups = get(http, "/api/v1/rules").get("data").get("groups");
        assertThat(groups.size()).isEqualTo(1);
        JsonNode g = groups.get(0);
        assertThat(g.get("name").asString()).isEqualTo("app");
        assertThat(g.get("file").asString()).isEqualTo(rules.toString());
        assertThat(g.get("interval").asDouble()).isEqualTo(1.0);
        assertThat(g.get("partialResponseStrategy").asString()).isEqualTo("ABORT");
        assertThat(g.get("rules").get(0).get("type").asString()).isEqualTo("recording");
        assertThat(g.get("rules").get(0).get("health").asString()).isEqualTo("ok");
        assertThat(g.get("rules").get(1).get("state").asString()).isEqualTo("firing");
        assertThat(get(http, "/api/v1/rules?type=record").get("data").get("groups").get(0).get("rules").size())
            .isEqualTo(1);

        HttpResponse<String> alertsPage = HTTP.send(request("http://127.0.0.1:" + http
            + "/alerts").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(alertsPage.statusCode()).isEqualTo(200);
        assertThat(alertsPage.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(alertsPage.body()).contains("Firing (1)").contains("InstanceDown (1 active)")
            .contains("<span class=\"label\">instance=\"b\"</span>").contains("b of node is down")
            .contains("expr: up == 0");
        String rulesPage = HTTP.send(request("http://127.0.0.1:" + http + "/rules")
            .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(rulesPage).contains("<h2>app</h2>").contains("record: job:up:sum")
            .contains("expr: sum by (job) (up)").contains("summary: {{ $labels.instance }} of {{ $labels.job }} is down")
            .contains("class=\"health ok\"");
        assertThat(HTTP.send(request("http://127.0.0.1:" + http + "/").build(),
            HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location")).hasValue("/alerts");

        await(() -> am.notified().size() > 0, "Alertmanager notified");
        JsonNode sent = am.notified().get(0);
        assertThat(sent.get("labels").get("replica").asString()).isEqualTo("r1");
        assertThat(sent.get("labels").get("cluster").asString()).isEqualTo("eu");
        assertThat(sent.get("generatorURL").asString())
            .isEqualTo("http://query.example:10902/graph?g0.expr=up+%3D%3D+0&g0.tab=1");

        InfoResponse info = InfoGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
            .info(InfoRequest.getDefaultInstance());
        assertThat(info.getComponentType()).isEqualTo("rule");
        assertThat(info.getLabelSets(0).getLabelsList()).extracting(l -> l.getName() + "=" + l.getValue())
            .containsExactly("cluster=eu", "replica=r1");
        assertThat(info.hasRules()).as("Info advertises the Rules API").isTrue();
        List<RulesResponse> ruleFrames = new ArrayList<>();
        RulesGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
            .rules(RulesRequest.getDefaultInstance()).forEachRemaining(ruleFrames::add);
        assertThat(ruleFrames).hasSize(1);
        io.thanosjvm.wire.rulespb.RuleGroup grpcGroup = ruleFrames.get(0).getGroup();
        assertThat(grpcGroup.getName()).isEqualTo("app");
        assertThat(grpcGroup.getFile()).isEqualTo(rules.toString());
        assertThat(grpcGroup.getRules(0).getRecording().getName()).isEqualTo("job:up:sum");
        assertThat(grpcGroup.getRules(0).getRecording().getLabels().getLabelsList())
            .extracting(l -> l.getName() + "=" + l.getValue()).as("external labels added")
            .containsExactly("cluster=eu", "replica=r1");
        io.thanosjvm.wire.rulespb.Alert grpcAlert = grpcGroup.getRules(1).getAlert();
        assertThat(grpcAlert.getState()).isEqualTo(AlertState.FIRING);
        assertThat(grpcAlert.getAlerts(0).getLabels().getLabelsList()).extracting(l -> l.getName() + "=" + l.getValue())
            .containsExactly("alertname=InstanceDown", "cluster=eu", "instance=b", "job=node", "replica=r1",
                "severity=page");
        assertThat(grpcAlert.getAlerts(0).getValue()).isEqualTo("0e+00");
        List<RulesResponse> alertFrames = new ArrayList<>();
        RulesGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
            .rules(RulesRequest.newBuilder().setType(RulesRequest.Type.RECORD).build())
            .forEachRemaining(alertFrames::add);
        assertThat(alertFrames.get(0).getGroup().getRulesList()).hasSize(1);
        List<SeriesResponse> frames = new ArrayList<>();
        StoreGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS).series(SeriesRequest.newBuilder()
            .setMinTime(0).setMaxTime(Long.MAX_VALUE).addMatchers(LabelMatcher.newBuilder()
                .setType(LabelMatcher.Type.EQ).setName("__name__").setValue("job:up:sum")).build())
            .forEachRemaining(frames::add);
        assertThat(frames.stream().filter(SeriesResponse::hasSeries).findFirst().orElseThrow().getSeries()
            .getLabelsList()).extracting(l -> l.getName() + "=" + l.getValue())
            .containsExactly("__name__=job:up:sum", "cluster=eu", "job=node", "replica=r1");

        String metrics = HTTP.send(request("http://127.0.0.1:" + http + "/metrics")
            .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("prometheus_rule_evaluations_total{rule_group=\"" + rules + ";app\","
            + "strategy=\"abort\"}").contains("prometheus_rule_group_last_duration_seconds")
            .contains("thanos_rule_config_last_reload_successful 1");

        Files.writeString(rules, RULES.replace("sum by (job) (up)", "sum by (job (up)"));
        HttpResponse<String> bad = post(http, "/-/reload");
        assertThat(bad.statusCode()).isEqualTo(500);
        assertThat(bad.body()).contains("failed to reload config").contains("could not parse expression");
        assertThat(get(http, "/api/v1/rules").get("data").get("groups").get(0).get("rules").size()).isEqualTo(2);

        Files.writeString(rules, RULES + "      - record: job:up:count\n        expr: count by (job) (up)\n");
        HttpResponse<String> good = post(http, "/-/reload");
        assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
        assertThat(get(http, "/api/v1/rules").get("data").get("groups").get(0).get("rules").size()).isEqualTo(3);
        assertThat(get(http, "/api/v1/alerts").get("data").get("alerts").size()).as("alerts kept").isEqualTo(1);
      } finally {
        channel.shutdownNow();
        app.close();
      }
    }
  }

  @Test
  void aBadRuleFileFailsStartUpWithPromtoolsMessage() throws Exception {
    Path rules = dir.resolve("bad.yml");
    Files.writeString(rules, "groups:\n  - name: g\n    rules:\n      - record: x\n        expr: sum(\n");
    assertThatThrownBy(() -> startRuler(dir.resolve("data"), rules, URI.create("http://127.0.0.1:1"), List.of())
        .close()).rootCause().hasMessageContaining("group \"g\", rule 1, \"x\": could not parse expression");
  }

  @Test
  void twoRulersWithTheReplicaLabelDroppedGiveOneAlertInAlertmanager() throws Exception {
    Path rules = dir.resolve("rules.yml");
    Files.writeString(rules, RULES);
    try (PrometheusServer prom = PrometheusServer.start(Map.of());
        AlertmanagerPeer am = AlertmanagerPeer.start(dir.resolve("am"))) {
      pushUp(prom);
      ConfigurableApplicationContext x = startRuler(dir.resolve("x"), rules, prom.url(), List.of(
          "--alertmanagers.url=" + am.url(), "--label=replica=\"x\"", "--alert.label-drop=replica"));
      ConfigurableApplicationContext y = startRuler(dir.resolve("y"), rules, prom.url(), List.of(
          "--alertmanagers.url=" + am.url(), "--label=replica=\"y\"", "--alert.label-drop=replica"));
      try {
        await(() -> am.notified().size() > 0, "Alertmanager notified");
        Thread.sleep(3000);
        JsonNode held = am.alerts();
        assertThat(held.size()).isEqualTo(1);
        assertThat(held.get(0).get("labels").has("replica")).isFalse();
        assertThat(held.get(0).get("labels").get("instance").asString()).isEqualTo("b");
      } finally {
        x.close();
        y.close();
      }
    }
  }
}
