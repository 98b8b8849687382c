package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.testing.PrometheusServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --query.enforce-tenancy} over a real Prometheus 2.42 (through a sidecar StoreAPI) holding two tenants'
 * series and untenanted ones: whatever PromQL, {@code match[]} or label call a tenant sends, it sees only series
 * whose {@code tenant_id} is its own (the {@code THANOS-TENANT} header, else {@code default-tenant}).
 */
class QueryTenancyTest {

  private static final long T = 1_700_000_000_000L;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static PrometheusServer prometheus;
  private static HandWiredSidecar sidecar;
  private static ConfigurableApplicationContext query;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    prometheus = PrometheusServer.start(Map.of("cluster", "one"));
    List<io.thanosjvm.wire.prompb.TimeSeries> series = new ArrayList<>();
    String[][] all = {
        {"__name__", "requests_total", "job", "api", "tenant_id", "team-a"},
        {"__name__", "up", "job", "api", "tenant_id", "team-a"},
        {"__name__", "secret_total", "job", "vault", "tenant_id", "team-b", "team_b_only", "x"},
        {"__name__", "up", "job", "vault", "tenant_id", "team-b"},
        {"__name__", "up", "job", "untenanted"},
        {"__name__", "up", "job", "default", "tenant_id", "default-tenant"}};
    for (String[] labels : all) {
      series.add(PrometheusServer.series(labels, new long[] {T - 60_000, T}, new double[] {1, 2}));
    }
    prometheus.remoteWrite(series);
    Path dir = Files.createTempDirectory("tenancy");
    sidecar = HandWiredSidecar.start(prometheus.url(), prometheus.dir().resolve("data"),
        new FilesystemBucket(dir));
    int[] exit = {0};
    query = ThanosQueryApplication.run(ThanosCommandLine.prepare("query", new String[] {
        "--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0", "--query.enforce-tenancy",
        "--endpoint=" + sidecar.address()}, System.out, System.err, exit));
    port = Integer.parseInt(query.getEnvironment().getProperty("local.server.port"));
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (jobs("up", "team-a").isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (query != null) {
      query.close();
    }
    if (sidecar != null) {
      sidecar.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void aTenantSeesOnlyItsOwnSeriesWhateverItAsks() throws Exception {
    assertThat(names("{__name__=~\".+\"}", "team-a")).containsExactly("requests_total/api", "up/api");
    assertThat(names("{__name__=~\".+\"}", "team-b")).containsExactly("secret_total/vault", "up/vault");
    // its own matcher on the tenant label is replaced, not obeyed
    assertThat(names("secret_total{tenant_id=\"team-b\"}", "team-a")).isEmpty();
    assertThat(names("{tenant_id=~\".*\", job=~\".+\"}", "team-a")).containsExactly("requests_total/api", "up/api");
    assertThat(names("sum by (job) (up) or vector(0)", "team-a")).containsExactly("/", "/api");
    // no header: the default tenant
    assertThat(names("{__name__=~\".+\"}", null)).containsExactly("up/default");
  }

  @Test
  void seriesAndLabelEndpointsAreConfinedToo() throws Exception {
    JsonNode series = get("/api/v1/series?match[]=" + enc("{__name__=~\".+\"}"), "team-a");
    TreeSet<String> seen = new TreeSet<>();
    series.path("data").forEach(s -> seen.add(s.path("__name__").asString() + "/" + s.path("tenant_id").asString()));
    assertThat(seen).containsExactly("requests_total/team-a", "up/team-a");

    assertThat(strings(get("/api/v1/label/__name__/values", "team-a"))).containsExactly("requests_total", "up");
    assertThat(strings(get("/api/v1/label/tenant_id/values", "team-b"))).containsExactly("team-b");
    assertThat(strings(get("/api/v1/labels", "team-a"))).doesNotContain("team_b_only");
    assertThat(strings(get("/api/v1/labels", "team-b"))).contains("team_b_only");
  }

  @Test
  void anInvalidTenantIsBadData() throws Exception {
    HttpResponse<String> r = send("/api/v1/query?query=up&time=" + T / 1000, "../etc");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("errorType").asString()).isEqualTo("bad_data");
    assertThat(body.path("error").asString()).contains("tenant name not valid");
  }

  private static TreeSet<String> names(String q, String tenant) throws Exception {
    JsonNode body = get("/api/v1/query?query=" + enc(q) + "&time=" + T / 1000, tenant);
    assertThat(body.path("status").asString()).as(q + " " + body).isEqualTo("success");
    TreeSet<String> out = new TreeSet<>();
    body.path("data").path("result").forEach(r -> out.add(r.path("metric").path("__name__").asString() + "/"
        + r.path("metric").path("job").asString()));
    return out;
  }

  private static TreeSet<String> jobs(String q, String tenant) throws Exception {
    return names(q, tenant);
  }

  private static List<String> strings(JsonNode body) {
    List<String> out = new ArrayList<>();
    body.path("data").forEach(v -> out.add(v.asString()));
    return out;
  }

  private static JsonNode get(String path, String tenant) throws Exception {
    return JSON.readTree(send(path, tenant).body());
  }

  private static HttpResponse<String> send(String path, String tenant) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    if (tenant != null) {
      b.header("THANOS-TENANT", tenant);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
