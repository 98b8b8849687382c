package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.model.Labels;
import io.thanosjvm.testing.PrometheusServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ruler HA: two rulers ({@code --label=replica="x"} and {@code "y"}) record the same rule file through a real
 * Prometheus 2.42; a querier with both rulers' StoreAPIs as endpoints and {@code --query.replica-label=replica}
 * returns each recorded series once, with the samples one ruler recorded, and both rulers' series with
 * {@code dedup=false}. Ruler y starts a few evaluations after x, so only x holds the earliest samples: the
 * deduplicated series is x's, complete.
 */
class RulerHaDedupTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  static final String RULES = """
      groups:
        - name: ha
          interval: 1s
          rules:
            - record: job:up:sum
              expr: sum by (job) (up)
      """;

  private static JsonNode data(int port, String path) throws Exception {
    JsonNode n = JSON.readTree(TestHttp.get(port, path).body());
    assertThat(n.get("status").asString()).as(n.toString()).isEqualTo("success");
    return n.get("data");
  }

  private static JsonNode rawSamples(int port, long atSeconds, String extra) throws Exception {
    return data(port, "/api/v1/query?query=" + URLEncoder.encode("job:up:sum[2m]", StandardCharsets.UTF_8)
        + "&time=" + atSeconds + extra).get("result");
  }

  private static List<String> samples(JsonNode series) {
    List<String> out = new ArrayList<>();
    series.get("values").forEach(v -> out.add(v.get(0).asString() + "=" + v.get(1).asString()));
    return out;
  }

  @Test
  void queryDeduplicatesTheRecordedSeriesOfTwoRulerReplicas() throws Exception {
    Path rules = dir.resolve("rules.yml");
    Files.writeString(rules, RULES);
    try (PrometheusServer prom = PrometheusServer.start(Map.of())) {
      HandWiredRuler.pushUp(prom);
      try (HandWiredRuler x = HandWiredRuler.start(dir.resolve("x"), rules, prom.url(), Labels.of("replica", "x"),
          false)) {
        Thread.sleep(3_000);
        try (HandWiredRuler y = HandWiredRuler.start(dir.resolve("y"), rules, prom.url(),
            Labels.of("replica", "y"), false)) {
          int[] exit = {0};
          ConfigurableApplicationContext query = ThanosQueryApplication.run(ThanosCommandLine.prepare("query",
              new String[] {"--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0",
                  "--query.replica-label=replica", "--endpoint=" + x.address(), "--endpoint=" + y.address()},
              System.out, System.err, exit));
          try {
            int port = Integer.parseInt(query.getEnvironment().getProperty("local.server.port"));
            long deadline = System.nanoTime() + 30_000_000_000L;
            long now = System.currentTimeMillis() / 1000;
            while (System.nanoTime() < deadline && (rawSamples(port, now, "&dedup=false").size() < 2
                || rawSamples(port, now, "&dedup=false").get(1).get("values").size() < 3)) {
              Thread.sleep(500);
              now = System.currentTimeMillis() / 1000;
            }
            // both rulers' evaluations are in the past of 'now': the answers below are stable
            Thread.sleep(1_500);

            JsonNode both = rawSamples(port, now, "&dedup=false");
            assertThat(both).hasSize(2);
            assertThat(both.get(0).get("metric").toString())
                .isEqualTo("{\"__name__\":\"job:up:sum\",\"job\":\"node\",\"replica\":\"x\"}");
            assertThat(both.get(1).get("metric").toString())
                .isEqualTo("{\"__name__\":\"job:up:sum\",\"job\":\"node\",\"replica\":\"y\"}");
            List<String> fromX = samples(both.get(0));
            List<String> fromY = samples(both.get(1));
            assertThat(fromY).isNotEmpty();
            assertThat(fromX).as("x started earlier: it holds y's samples and more").containsAll(fromY)
                .hasSizeGreaterThan(fromY.size());
            assertThat(fromX).allMatch(s -> s.endsWith("=1"));

            JsonNode deduplicated = rawSamples(port, now, "");
            assertThat(deduplicated).hasSize(1);
            assertThat(deduplicated.get(0).get("metric").toString())
                .isEqualTo("{\"__name__\":\"job:up:sum\",\"job\":\"node\"}");
            assertThat(samples(deduplicated.get(0))).as("one ruler's samples").isEqualTo(fromX);

            JsonNode instant = data(port, "/api/v1/query?query=job:up:sum&time=" + now).get("result");
            assertThat(instant).hasSize(1);
            assertThat(instant.get(0).get("value").get(1).asString()).isEqualTo("1");
          } finally {
            query.close();
          }
        }
      }
    }
  }
}
