package io.thanosjvm.app.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.rules.testing.AlertmanagerPeer;
import io.thanosjvm.testing.PrometheusServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The ruler configured through files rather than address flags: {@code --query.config-file} (the query API found
 * through {@code file_sd_configs}, next to an unreachable static address that round robin fails over),
 * {@code --alertmanagers.config-file} (a real Alertmanager 0.25 under {@code static_configs} with a {@code timeout}),
 * {@code --alert.relabel-config-file} (a label added, one dropped) — the alert arrives relabelled.
 */
class RuleConfigFilesTest {

  @TempDir Path dir;

  @Test
  void queryAndAlertmanagerConfigFilesAndAlertRelabellingReachARealAlertmanager() throws Exception {
    Path rules = dir.resolve("rules.yml");
    Files.writeString(rules, RuleAppTest.RULES);
    try (PrometheusServer prom = PrometheusServer.start(Map.of());
        AlertmanagerPeer am = AlertmanagerPeer.start(dir.resolve("am"))) {
      RuleAppTest.pushUp(prom);
      Files.writeString(dir.resolve("queriers.json"),
          "[{\"targets\": [\"127.0.0.1:" + prom.port() + "\"]}]");
      Path queryConfig = dir.resolve("query.yml");
      Files.writeString(queryConfig, """
          - static_configs: ["127.0.0.1:%d"]
          - file_sd_configs:
              - files: ["%s"]
          """.formatted(PrometheusServer.freePort(), dir.resolve("queri*.json")));
      Path alerting = dir.resolve("alerting.yml");
      Files.writeString(alerting, """
          alertmanagers:
            - static_configs: ["%s"]
              scheme: http
              timeout: 5s
              api_version: v2
          """.formatted(URI.create(am.url().toString()).getAuthority()));
      Path relabel = dir.resolve("relabel.yml");
      Files.writeString(relabel, """
          - target_label: team
            replacement: ops
          - action: labeldrop
            regex: severity
          """);
      ConfigurableApplicationContext app = RuleAppTest.startRulerWith(dir.resolve("data"), rules, List.of(
          "--query.config-file=" + queryConfig, "--alertmanagers.config-file=" + alerting,
          "--alert.relabel-config-file=" + relabel, "--label=replica=\"r1\"", "--alert.label-drop=replica"));
      try {
        RuleAppTest.await(() -> am.notified().size() > 0, "Alertmanager notified");
        JsonNode sent = am.notified().get(0);
        assertThat(sent.get("labels").get("alertname").asString()).isEqualTo("InstanceDown");
        assertThat(sent.get("labels").get("instance").asString()).isEqualTo("b");
        assertThat(sent.get("labels").get("team").asString()).as("added by relabelling").isEqualTo("ops");
        assertThat(sent.get("labels").has("severity")).as("dropped by relabelling").isFalse();
        assertThat(sent.get("labels").has("replica")).as("--alert.label-drop").isFalse();
        int http = RuleAppTest.port(app, "local.server.port");
        JsonNode recorded = RuleAppTest.get(http, "/api/v1/rules").get("data").get("groups").get(0).get("rules");
        assertThat(recorded.get(0).get("health").asString()).as("evaluated through the discovered query API")
            .isEqualTo("ok");
      } finally {
        app.close();
      }
    }
  }

  @Test
  void addressFlagsAndConfigFilesAreMutuallyExclusive() throws Exception {
    Path rules = dir.resolve("rules.yml");
    Files.writeString(rules, RuleAppTest.RULES);
    assertThatThrownBy(() -> RuleAppTest.startRulerWith(dir.resolve("data"), rules, List.of(
        "--query=127.0.0.1:1", "--query.config=- static_configs: ['127.0.0.1:2']")).close()).rootCause()
        .hasMessage("--query and --query.config* parameters cannot be defined at the same time");
    assertThatThrownBy(() -> RuleAppTest.startRulerWith(dir.resolve("data"), rules, List.of(
        "--query=127.0.0.1:1", "--alertmanagers.url=http://127.0.0.1:3",
        "--alertmanagers.config=alertmanagers: [{static_configs: ['127.0.0.1:4']}]")).close()).rootCause()
        .hasMessage("--alertmanagers.url and --alertmanagers.config* parameters cannot be defined at the same time");
    assertThatThrownBy(() -> RuleAppTest.startRulerWith(dir.resolve("data"), rules, List.of(
        "--query=127.0.0.1:1", "--alert.relabel-config=- action: nonsense")).close())
        .hasStackTraceContaining("--alert.relabel-config: unsupported relabel action \"nonsense\"");
  }
}
