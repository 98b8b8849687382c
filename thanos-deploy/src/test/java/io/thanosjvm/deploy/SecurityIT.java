package io.thanosjvm.deploy;

import static io.thanosjvm.deploy.DistProcesses.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.cacheutil.TestCertificates;
import io.thanosjvm.testing.PrometheusServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * TLS and HTTP auth as users deploy them, every component a process of the assembled distribution. A store gateway
 * and a sidecar (over a real Prometheus 2.42) serve gRPC with {@code --grpc-server-tls-cert/-key/-client-ca}
 * (mutual TLS, certificates made by openssl); a querier with {@code --grpc-client-tls-*} and the client certificate
 * reaches both and answers from them; a second querier that trusts the CA but has no client certificate is refused
 * by both. Every component with an HTTP server (store, sidecar, query, compact, query-frontend, receive, rule) runs
 * with {@code --http.config} holding a bcrypt basic-auth user: 401 without credentials, 200 with them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityIT {

  /**
   * bcrypt("secret") made with libxcrypt's crypt(3) (Python's {@code crypt.mksalt(METHOD_BLOWFISH, rounds=16)}), at
   * cost 4 so that the checks of seven processes stay quick on a small, busy machine; HttpWebConfigTest covers cost 12.
   */
  private static final String SECRET_HASH = "$2b$04$nFNZ.G4rbck3MK5ZoQr6R.V31OETfnKjc6FU3auO.eIy1GpwEGak.";
  private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString(
      "ops:secret".getBytes(StandardCharsets.UTF_8));
  private static final String SERVER_NAME = "thanos.test";
  private static final List<String> APPS = List.of("store", "sidecar", "query", "query-without-cert", "compact",
      "query-frontend", "receive", "rule");

  private Path work;
  private DistProcesses apps;
  private PrometheusServer prometheus;

  @BeforeAll
  void start() throws Exception {
    work = Files.createTempDirectory("security-it");
    // eight JVMs on a small machine: small heaps, quick start
    apps = new DistProcesses(work, "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError");
    TestCertificates pki = TestCertificates.create(work.resolve("pki"), SERVER_NAME);
    Path webConfig = Files.writeString(work.resolve("web.yml"), "basic_auth_users:\n  ops: '" + SECRET_HASH + "'\n");
    String http = "--http.config=" + webConfig;
    List<String> serverTls = List.of("--grpc-server-tls-cert=" + pki.serverCert(),
        "--grpc-server-tls-key=" + pki.serverKey(), "--grpc-server-tls-client-ca=" + pki.ca());

    Path bucket = Files.createDirectories(work.resolve("bucket"));
    String bucketYaml = "{type: FILESYSTEM, config: {directory: '" + bucket + "'}}";
    apps.run("tools", "blocks", "generate", "--output-dir", work.resolve("blocks").toString(), "--series", "10",
        "--duration", "4h", "--external-label", "cluster=secure");
    apps.run("tools", "bucket", "upload-blocks", "--path=" + work.resolve("blocks"), "--label=cluster=\"secure\"",
        "--objstore.config=" + bucketYaml);
    prometheus = PrometheusServer.startWithConfig("""
        global:
          scrape_interval: 1s
          external_labels: {replica: "p0"}
        scrape_configs:
          - job_name: prometheus
            static_configs: [{targets: ['127.0.0.1:{{port}}']}]
        """, null);

    int storeGrpc = freePort();
    int sidecarGrpc = freePort();
    apps.start("store", "store", join(serverTls, http, "--grpc-address=127.0.0.1:" + storeGrpc,
        "--data-dir=" + work.resolve("store"), "--objstore.config=" + bucketYaml));
    apps.start("sidecar", "sidecar", join(serverTls, http, "--grpc-address=127.0.0.1:" + sidecarGrpc,
        "--prometheus.url=" + prometheus.url(), "--tsdb.path=" + prometheus.dir()));
    List<String> clientTls = List.of("--grpc-client-tls-secure", "--grpc-client-tls-ca=" + pki.ca(),
        "--grpc-client-server-name=" + SERVER_NAME);
    apps.start("query", "query", join(clientTls, http, "--grpc-client-tls-cert=" + pki.clientCert(),
        "--grpc-client-tls-key=" + pki.clientKey(), "--grpc-address=127.0.0.1:" + freePort(),
        "--endpoint=127.0.0.1:" + storeGrpc, "--endpoint=127.0.0.1:" + sidecarGrpc));
    apps.start("query-without-cert", "query", join(clientTls, "--grpc-address=127.0.0.1:" + freePort(),
        "--endpoint=127.0.0.1:" + storeGrpc, "--endpoint=127.0.0.1:" + sidecarGrpc));
    apps.start("compact", "compact", List.of(http, "--data-dir=" + work.resolve("compact"), "--wait",
        "--objstore.config=" + bucketYaml));
    apps.start("query-frontend", "query-frontend", List.of(http, "--query-frontend.downstream-url=http://127.0.0.1:"
        + apps.httpPort("query")));
    apps.start("receive", "receive", List.of(http, "--grpc-address=127.0.0.1:" + freePort(),
        "--remote-write.address=127.0.0.1:" + freePort(), "--tsdb.path=" + work.resolve("receive"),
        "--label=replica=\"r0\""));
    Path rules = Files.writeString(work.resolve("rules.yml"), """
        groups:
          - name: g
            rules:
              - record: job:up:sum
                expr: sum by (job) (up)
        """);
    apps.start("rule", "rule", List.of(http, "--grpc-address=127.0.0.1:" + freePort(),
        "--data-dir=" + work.resolve("rule"), "--rule-file=" + rules,
        "--query=127.0.0.1:" + apps.httpPort("query"), "--label=replica=\"x\""));
    for (String app : APPS) {
      apps.awaitReady(app, app.equals("query-without-cert") ? null : AUTH);
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (apps != null) {
      apps.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void everyComponentAsksForCredentialsAndAcceptsTheBcryptUser() throws Exception {
    for (String app : List.of("store", "sidecar", "query", "compact", "query-frontend", "receive", "rule")) {
      for (String path : List.of("/-/healthy", "/-/ready", "/metrics")) {
        HttpResponse<String> anonymous = get(app, path, null);
        assertThat(anonymous.statusCode()).as("%s %s without credentials", app, path).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(app).hasValueSatisfying(
            v -> assertThat(v).startsWith("Basic"));
        assertThat(get(app, path, AUTH).statusCode()).as("%s %s with credentials", app, path).isEqualTo(200);
      }
      assertThat(get(app, "/-/healthy", "Basic " + Base64.getEncoder().encodeToString(
          "ops:wrong".getBytes(StandardCharsets.UTF_8))).statusCode()).as("%s wrong password", app).isEqualTo(401);
    }
  }

  @Test
  void theQuerierReachesStoreAndSidecarOverMutualTlsAndAnswersFromBoth() throws Exception {
    String stores = awaitStores("query", 2);
    assertThat(stores).contains("\"store\":[", "\"sidecar\":[").doesNotContain("\"lastError\":\"");
    String fromBucket = get("query", "/api/v1/series?match%5B%5D=" + enc("{cluster=\"secure\"}")
        + "&start=0&end=" + (System.currentTimeMillis() / 1000 + 3600), AUTH).body();
    assertThat(fromBucket).as("series from the store gateway").contains("\"cluster\":\"secure\"");
    String fromPrometheus = awaitBody("query", "/api/v1/query?query=" + enc("up{replica=\"p0\"}"),
        "\"replica\":\"p0\"");
    assertThat(fromPrometheus).as("Prometheus' own series through the sidecar").contains("\"job\":\"prometheus\"");
  }

  @Test
  void aQuerierWithoutAClientCertificateIsRefusedByBoth() throws Exception {
    String stores = "";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      stores = get("query-without-cert", "/api/v1/stores", null).body();
      if (stores.split("\"lastError\":\"", -1).length - 1 >= 2) {
        break;
      }
      Thread.sleep(1000);
    }
    assertThat(stores.split("\"lastError\":\"", -1).length - 1).as("both endpoints refuse: %s", stores)
        .isEqualTo(2);
    assertThat(stores).doesNotContain("\"lastError\":null");
    HttpResponse<String> q = get("query-without-cert", "/api/v1/series?match%5B%5D=" + enc("{cluster=\"secure\"}")
        + "&start=0&end=" + (System.currentTimeMillis() / 1000 + 3600), null);
    assertThat(q.body()).as("no data without a client certificate").doesNotContain("\"cluster\":\"secure\"");
  }

  private String awaitStores(String app, int healthy) throws Exception {
    String body = "";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      body = get(app, "/api/v1/stores", AUTH).body();
      if (body.split("\"lastError\":null", -1).length - 1 >= healthy) {
        return body;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(app + " did not see " + healthy + " healthy endpoints: " + body);
  }

  private String awaitBody(String app, String path, String needle) throws Exception {
    String body = "";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      body = get(app, path, AUTH).body();
      if (body.contains(needle)) {
        return body;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(app + path + " never contained " + needle + ": " + body);
  }

  private static List<String> join(List<String> a, String... more) {
    List<String> out = new ArrayList<>(a);
    out.addAll(List.of(more));
    return out;
  }

  private HttpResponse<String> get(String app, String path, String authorization)
      throws IOException, InterruptedException {
    return apps.get(app, path, authorization);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

}
