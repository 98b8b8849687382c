package io.thanosjvm.app.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.wire.infopb.InfoGrpc;
import io.thanosjvm.wire.infopb.InfoRequest;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stateless mode: with {@code --remote-write.config} the ruler keeps no TSDB and serves no StoreAPI; recorded
 * samples and {@code ALERTS} arrive, with the ruler's external labels, in a real Prometheus 2.42 running the
 * remote-write receiver (the same Prometheus the rules query).
 */
class RuleStatelessTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  private static JsonNode promQuery(PrometheusServer prom, String q) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(prom.url() + "/api/v1/query?query="
        + URLEncoder.encode(q, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body()).get("data").get("result");
  }

  @Test
  void recordingsAndAlertsGoThroughRemoteWriteIntoPrometheusAndNoStoreApiIsServed() throws Exception {
    Path rules = dir.resolve("rules.yml");
    Files.writeString(rules, RuleAppTest.RULES);
    try (PrometheusServer prom = PrometheusServer.start(Map.of())) {
      RuleAppTest.pushUp(prom);
      Path rw = dir.resolve("remote-write.yml");
      Files.writeString(rw, """
          remote_write:
            - url: %s/api/v1/write
              name: prom
              remote_timeout: 5s
          """.formatted(prom.url()));
      ConfigurableApplicationContext app = RuleAppTest.startRuler(dir.resolve("data"), rules, prom.url(),
          List.of("--remote-write.config-file=" + rw, "--label=replica=\"r1\""));
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", RuleAppTest.port(app, "local.grpc.port"))
          .usePlaintext().build();
      try {
        RuleAppTest.await(() -> {
          try {
            return promQuery(prom, "job:up:sum{replica=\"r1\"}").size() == 1
                && promQuery(prom, "ALERTS{alertname=\"InstanceDown\",replica=\"r1\"}").size() == 1;
          } catch (Exception e) {
            return false;
          }
        }, "recording and ALERTS remote-written into Prometheus, with the external label");
        JsonNode recorded = promQuery(prom, "job:up:sum{replica=\"r1\"}").get(0);
        assertThat(recorded.get("metric").toString())
            .isEqualTo("{\"__name__\":\"job:up:sum\",\"job\":\"node\",\"replica\":\"r1\"}");
        assertThat(recorded.get("value").get(1).asString()).isEqualTo("1");
        JsonNode alert = promQuery(prom, "ALERTS{alertname=\"InstanceDown\",replica=\"r1\"}").get(0);
        assertThat(alert.get("metric").get("alertstate").asString()).isEqualTo("firing");
        assertThat(alert.get("metric").get("instance").asString()).isEqualTo("b");

        InfoResponse info = InfoGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
            .info(InfoRequest.getDefaultInstance());
        assertThat(info.getComponentType()).isEqualTo("rule");
        assertThat(info.hasStore()).as("no StoreAPI in stateless mode").isFalse();
        assertThat(info.hasRules()).isTrue();
        assertThat(info.getLabelSets(0).getLabelsList()).extracting(l -> l.getName() + "=" + l.getValue())
            .containsExactly("replica=r1");
        assertThatThrownBy(() -> StoreGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
            .series(SeriesRequest.newBuilder().setMaxTime(Long.MAX_VALUE).build()).hasNext())
            .isInstanceOf(StatusRuntimeException.class).hasMessageContaining("UNIMPLEMENTED");
        assertThat(dir.resolve("data").resolve("wal")).as("no local TSDB").doesNotExist();
        JsonNode groups = RuleAppTest.get(RuleAppTest.port(app, "local.server.port"), "/api/v1/rules").get("data")
            .get("groups");
        assertThat(groups.get(0).get("rules").get(0).get("health").asString()).isEqualTo("ok");
      } finally {
        channel.shutdownNow();
        app.close();
      }
    }
  }
}
