package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.model.Labels;
import io.thanosjvm.testing.FixedStore;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The querier's informational endpoints: build info, flags, stores, empty exemplars/metadata, the gate. */
class QueryStatusEndpointsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static FixedStore store;
  private static ConfigurableApplicationContext app;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    store = new FixedStore(Labels.of("cluster", "eu1", "replica", "0"), 1000, 2000, true).start();
    int[] exit = {0};
    app = ThanosQueryApplication.run(ThanosCommandLine.prepare("query", new String[] {
        "--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0", "--endpoint=" + store.address(),
        "--query.replica-label=replica", "--query.max-concurrent=7"}, System.out, System.err, exit));
    port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  static void stop() {
    app.close();
    store.close();
  }

  private static JsonNode data(String path) throws Exception {
    JsonNode root = JSON.readTree(TestHttp.get(port, path).body());
    assertThat(root.path("status").asString()).isEqualTo("success");
    return root.path("data");
  }

  @Test
  void buildInfoHasPrometheusKeys() throws Exception {
    JsonNode d = data("/api/v1/status/buildinfo");
    List<String> keys = StreamSupport.stream(d.propertyNames().spliterator(), false).toList();
    assertThat(keys).containsExactly("version", "revision", "branch", "buildUser", "buildDate", "goVersion");
    assertThat(d.path("version").asString()).isNotBlank();
  }

  @Test
  void flagsShowEffectiveValuesAsStrings() throws Exception {
    JsonNode d = data("/api/v1/status/flags");
    assertThat(d.path("query.max-concurrent").asString()).isEqualTo("7");
    assertThat(d.path("query.replica-label").asString()).isEqualTo("replica");
    assertThat(d.path("query.timeout").asString()).isEqualTo("2m");
    assertThat(d.path("http-address").asString()).isEqualTo("127.0.0.1:0");
  }

  @Test
  void storesListsEndpointsByTypeWithLabelsAndTimes() throws Exception {
    JsonNode s = data("/api/v1/stores").path("store").get(0);
    assertThat(s.path("name").asString()).isEqualTo(store.address());
    assertThat(s.path("lastError").isNull()).isTrue();
    assertThat(s.path("labelSets").get(0).path("cluster").asString()).isEqualTo("eu1");
    assertThat(s.path("minTime").asLong()).isEqualTo(1000);
    assertThat(s.path("maxTime").asLong()).isEqualTo(2000);
  }

  @Test
  void exemplarsAndMetadataAreEmptyUntilServed() throws Exception {
    assertThat(data("/api/v1/query_exemplars?query=up&start=0&end=1").isArray()).isTrue();
    assertThat(data("/api/v1/metadata").isObject()).isTrue();
  }

  @Test
  void concurrentGateIsExposed() throws Exception {
    data("/api/v1/query?query=vector(1)&time=1");
    assertThat(TestHttp.get(port, "/metrics").body())
        .containsPattern("(?m)^thanos_query_concurrent_gate_queries_max 7")
        .containsPattern("(?m)^thanos_query_concurrent_gate_queries_in_flight 0")
        .containsPattern("(?m)^http_requests_total\\{code=\"200\",handler=\"query\",method=\"get\"}");
  }
}
