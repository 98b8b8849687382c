package io.thanosjvm.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.model.Labels;
import io.thanosjvm.objstore.PeerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Alerts sent to a real Alertmanager 0.25 ({@code prometheus-alertmanager}, .ci/install-alertmanager.sh). */
class AlertmanagerSenderTest {

  @TempDir Path dir;

  @Test
  void aRealAlertmanagerReceivesFiringAlertsAndLearnsWhenTheyResolve() throws Exception {
    Path binary = Path.of("/usr/bin/prometheus-alertmanager");
    assertThat(Files.isExecutable(binary)).as("Alertmanager missing: run .ci/install-alertmanager.sh").isTrue();
    Path config = dir.resolve("am.yml");
    Files.writeString(config, "route:\n  receiver: none\n  group_wait: 1h\nreceivers:\n  - name: none\n");
    int port = PeerProcess.freePort();
    try (PeerProcess am = PeerProcess.start("alertmanager", List.of(binary.toString(),
        "--config.file=" + config, "--storage.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address="), port, dir.resolve("am.log"),
        Duration.ofSeconds(60))) {
      HttpClient http = HttpClient.newHttpClient();
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      URI base = URI.create("http://127.0.0.1:" + port);
      AlertmanagerSender sender = new AlertmanagerSender(List.of(base, URI.create("http://127.0.0.1:1")),
          Duration.ofSeconds(5), http, registry);
      long now = Instant.now().toEpochMilli();
      AlertNotification firing = new AlertNotification(Labels.of("alertname", "InstanceDown", "instance", "a",
          "severity", "page"), Map.of("summary", "a is down"), now - 60_000, now + 240_000,
          "http://query:10902/graph?g0.expr=up+%3D%3D+0&g0.tab=1");
      assertThat(sender.send(List.of(firing))).isTrue();
      JsonNode alerts = JsonMapper.builder().build().readTree(http.send(HttpRequest.newBuilder(
          base.resolve("/api/v2/alerts")).build(), HttpResponse.BodyHandlers.ofString()).body());
      assertThat(alerts.size()).isEqualTo(1);
      JsonNode a = alerts.get(0);
      assertThat(a.get("labels").get("alertname").asString()).isEqualTo("InstanceDown");
      assertThat(a.get("annotations").get("summary").asString()).isEqualTo("a is down");
      assertThat(a.get("generatorURL").asString()).isEqualTo(firing.generatorUrl());
      assertThat(Instant.parse(a.get("startsAt").asString()).toEpochMilli()).isEqualTo(now - 60_000);
      assertThat(a.get("status").get("state").asString()).isEqualTo("active");
      assertThat(registry.counter("thanos_alert_sender_errors_total", "alertmanager", "127.0.0.1:1").count())
          .isEqualTo(1);

      AlertNotification resolved = new AlertNotification(firing.labels(), firing.annotations(),
          firing.startsAtMillis(), now - 1000, firing.generatorUrl());
      assertThat(sender.send(List.of(resolved))).isTrue();
      JsonNode after = JsonMapper.builder().build().readTree(http.send(HttpRequest.newBuilder(
          base.resolve("/api/v2/alerts?active=true")).build(), HttpResponse.BodyHandlers.ofString()).body());
      assertThat(after.size()).isZero();
    }
  }

  @Test
  void alertsAreDroppedAndCountedWhenNoAlertmanagerAccepts() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AlertmanagerSender sender = new AlertmanagerSender(List.of(URI.create("http://127.0.0.1:" + PeerProcess.freePort())),
        Duration.ofSeconds(2), HttpClient.newHttpClient(), registry);
    AlertNotification n = new AlertNotification(Labels.of("alertname", "X"), Map.of(), 0, 1, "");
    assertThat(sender.send(List.of(n, n))).isFalse();
    assertThat(registry.counter("thanos_alert_sender_alerts_dropped_total").count()).isEqualTo(2);
  }
}
