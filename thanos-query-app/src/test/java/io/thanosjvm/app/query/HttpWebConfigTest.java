package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.cacheutil.TestCertificates;
import io.thanosjvm.cli.ThanosCommandLine;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code --http.config} (Prometheus exporter-toolkit's web config) on a component's HTTP server: TLS from
 * {@code tls_server_config}, basic authentication against bcrypt hashes (made by libxcrypt, not by the library that
 * checks them) on every endpoint including probes and metrics, the configured response headers, and a file that
 * does not parse stopping start-up with the flag, the file and the key named.
 */
class HttpWebConfigTest {

  /** bcrypt("secret"), cost 12, made with glibc/libxcrypt's crypt(3). */
  private static final String SECRET_HASH = "$2b$12$C.rLKOwDCHXSCxZF7WUo/.EYN9hekTSddtAmjo0caFQypEE.UE0Z6";
  private static TestCertificates pki;
  private static ConfigurableApplicationContext query;
  private static ConfigurableApplicationContext plain;
  private static int port;
  private static SSLContext trusting;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("webconfig");
    pki = TestCertificates.create(dir.resolve("pki"), "query.thanos.test");
    Path web = dir.resolve("web.yml");
    Files.writeString(web, "tls_server_config:\n  cert_file: " + pki.serverCert() + "\n  key_file: "
        + pki.serverKey() + "\n  min_version: TLS12\nbasic_auth_users:\n  admin: '" + SECRET_HASH + "'\n"
        + "  grafana: '" + SECRET_HASH.replace("$2b$", "$2y$") + "'\n"
        + "http_server_config:\n  headers:\n    X-Frame-Options: deny\n");
    int[] exit = {0};
    query = ThanosQueryApplication.run(ThanosCommandLine.prepare("query", new String[] {
        "--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0", "--http.config=" + web},
        System.out, System.err, exit));
    port = Integer.parseInt(query.getEnvironment().getProperty("local.server.port"));
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(Path.of(pki.ca()))) {
      ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    trusting = SSLContext.getInstance("TLS");
    trusting.init(null, tmf.getTrustManagers(), null);
  }

  @AfterAll
  static void stop() {
    if (plain != null) {
      plain.close();
    }
    if (query != null) {
      query.close();
    }
  }

  @Test
  void everyEndpointAsksForCredentialsOverTls() throws Exception {
    for (String path : new String[] {"/-/healthy", "/-/ready", "/metrics", "/api/v1/query?query=1"}) {
      HttpURLConnection anonymous = open(path, null);
      assertThat(anonymous.getResponseCode()).as(path).isEqualTo(401);
      assertThat(anonymous.getHeaderField("WWW-Authenticate")).isEqualTo("Basic");
      assertThat(open(path, "admin:wrong").getResponseCode()).as(path).isEqualTo(401);
      assertThat(open(path, "nobody:secret").getResponseCode()).as(path).isEqualTo(401);
      HttpURLConnection admin = open(path, "admin:secret");
      assertThat(admin.getResponseCode()).as(path).isEqualTo(200);
      assertThat(admin.getHeaderField("X-Frame-Options")).isEqualTo("deny");
      assertThat(open(path, "grafana:secret").getResponseCode()).as(path + " ($2y$ hash)").isEqualTo(200);
    }
  }

  @Test
  void theRetryAfterAChallengeIsAnsweredEveryTime() throws Exception {
    // every answer closes its connection (ConnectionCloseWebFilter): over plain HTTP, an authenticated request that
    // followed a 401 on the same keep-alive connection went unanswered about once in 200 connections (a request
    // arriving before Reactor Netty had finished the previous one, reactor-netty #4361); with TLS the window was
    // never hit
    Path web = Files.createTempFile("web-auth", ".yml");
    Files.writeString(web, "basic_auth_users:\n  admin: '" + SECRET_HASH + "'\n");
    int[] exit = {0};
    // closed with the other one in stop(): closing a context releases Reactor Netty's shared event loops
    plain = ThanosQueryApplication.run(ThanosCommandLine.prepare("query",
        new String[] {"--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0", "--http.config=" + web},
        System.out, System.err, exit));
    int plainPort = Integer.parseInt(plain.getEnvironment().getProperty("local.server.port"));
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String admin = "Basic " + Base64.getEncoder().encodeToString("admin:secret".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < 300; i++) {
      for (String path : new String[] {"/-/healthy", "/-/ready", "/metrics"}) {
        for (String authorization : new String[] {null, admin}) {
          HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plainPort + path))
              .timeout(Duration.ofSeconds(5));
          if (authorization != null) {
            b.header("Authorization", authorization);
          }
          assertThat(client.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode())
              .as("round %d %s", i, path).isEqualTo(authorization == null ? 401 : 200);
        }
      }
    }
  }

  @Test
  void plainHttpGetsNoAnswer() {
    assertThatThrownBy(() -> {
      HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/-/healthy").toURL()
          .openConnection();
      c.setReadTimeout(5_000);
      if (c.getResponseCode() != 200) {
        throw new IOException("answered " + c.getResponseCode());
      }
    }).isInstanceOf(IOException.class);
  }

  @Test
  void aBadWebConfigStopsStartUpNamingTheProblem() throws Exception {
    Path bad = Files.createTempFile("web", ".yml");
    Files.writeString(bad, "basic_auth_users:\n  admin: notahash\n");
    int[] exit = {0};
    assertThatThrownBy(() -> ThanosQueryApplication.run(ThanosCommandLine.prepare("query", new String[] {
        "--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0", "--http.config=" + bad},
        System.out, System.err, exit)))
        .hasStackTraceContaining("--http.config").hasStackTraceContaining(bad.toString())
        .hasStackTraceContaining("no bcrypt hash");
    Files.writeString(bad, "tls_server_config:\n  cert_file: a\n  key_file: b\n  cipher_suite: x\n");
    assertThatThrownBy(() -> ThanosQueryApplication.run(ThanosCommandLine.prepare("query", new String[] {
        "--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0", "--http.config=" + bad},
        System.out, System.err, exit)))
        .hasStackTraceContaining("tls_server_config.cipher_suite").hasStackTraceContaining("unknown key");
  }

  private static HttpURLConnection open(String path, String credentials) throws IOException {
    HttpsURLConnection c = (HttpsURLConnection) URI.create("https://127.0.0.1:" + port + path).toURL()
        .openConnection();
    c.setSSLSocketFactory(trusting.getSocketFactory());
    c.setHostnameVerifier((host, session) -> host.equals("127.0.0.1")); // the certificate names query.thanos.test
    if (credentials != null) {
      c.setRequestProperty("Authorization", "Basic "
          + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return c;
  }
}
