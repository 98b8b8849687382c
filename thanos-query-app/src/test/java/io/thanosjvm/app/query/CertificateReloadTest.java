package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.thanosjvm.cacheutil.TestCertificates;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.server.grpc.GrpcClientTls;
import io.thanosjvm.wire.infopb.InfoGrpc;
import io.thanosjvm.wire.infopb.InfoRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Certificate renewal without a restart: a querier serves gRPC with mutual TLS and HTTPS ({@code --http.config})
 * from files that are then replaced (atomically, as a Kubernetes secret update or cert-manager renewal does) by a
 * certificate, key and client CA of another PKI. New gRPC connections get the new server certificate and must
 * present a client certificate of the new CA, the old PKI is refused from then on; HTTPS serves the new
 * certificate. Thanos re-reads these files at handshakes in the same way.
 */
class CertificateReloadTest {

  private static final String SERVER_NAME = "store.thanos.test";
  private static TestCertificates first;
  private static TestCertificates second;
  private static Path live;
  private static ConfigurableApplicationContext query;
  private static int grpcPort;
  private static int httpPort;

  @BeforeAll
  static void start() throws Exception {
    first = TestCertificates.create(Files.createTempDirectory("reload-a"), SERVER_NAME);
    second = TestCertificates.create(Files.createTempDirectory("reload-b"), SERVER_NAME);
    live = Files.createTempDirectory("reload-live");
    install(first);
    Path web = live.resolveSibling(live.getFileName() + "-web.yml");
    Files.writeString(web, "tls_server_config:\n  cert_file: " + live.resolve("server.crt") + "\n  key_file: "
        + live.resolve("server.key") + "\n");
    int[] exit = {0};
    query = ThanosQueryApplication.run(ThanosCommandLine.prepare("query", new String[] {
        "--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0",
        "--grpc-server-tls-cert=" + live.resolve("server.crt"), "--grpc-server-tls-key=" + live.resolve("server.key"),
        "--grpc-server-tls-client-ca=" + live.resolve("ca.crt"), "--http.config=" + web},
        System.out, System.err, exit));
    grpcPort = Integer.parseInt(query.getEnvironment().getProperty("local.grpc.port"));
    httpPort = Integer.parseInt(query.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  static void stop() {
    if (query != null) {
      query.close();
    }
  }

  @Test
  void renewedCertificateAndClientCaAreServedWithoutARestart() throws Exception {
    assertThat(answers(first)).as("first PKI before the renewal").isTrue();
    assertThat(answers(second)).as("second PKI before the renewal").isFalse();

    install(second);

    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!answers(second) && System.nanoTime() < deadline) {
      Thread.sleep(250);
    }
    assertThat(answers(second)).as("second PKI after the renewal").isTrue();
    assertThat(answers(first)).as("first PKI after the renewal").isFalse();
    while (!httpsTrusts(second) && System.nanoTime() < deadline + 20_000_000_000L) {
      Thread.sleep(250);
    }
    assertThat(httpsTrusts(second)).as("HTTPS serves the renewed certificate").isTrue();
    assertThat(httpsTrusts(first)).isFalse();
  }

  @Test
  void aHalfWrittenRenewalKeepsServingTheCurrentCertificate() throws Exception {
    TestCertificates current = answers(first) ? first : second;
    Path broken = live.resolve("server.key.tmp");
    Files.writeString(broken, "-----BEGIN PRIVATE KEY-----\nnot a key\n");
    Path saved = Files.copy(live.resolve("server.key"), live.resolve("server.key.saved"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.move(broken, live.resolve("server.key"), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    try {
      Thread.sleep(1_500);
      assertThat(answers(current)).as("current PKI while the key file is broken").isTrue();
    } finally {
      Files.move(saved, live.resolve("server.key"), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Whether an HTTPS request trusting only this PKI's CA is answered. */
  private static boolean httpsTrusts(TestCertificates pki) throws Exception {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(Path.of(pki.ca()))) {
      ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext trusting = SSLContext.getInstance("TLS");
    trusting.init(null, tmf.getTrustManagers(), null);
    HttpsURLConnection c = (HttpsURLConnection) URI.create("https://127.0.0.1:" + httpPort + "/-/healthy").toURL()
        .openConnection();
    c.setSSLSocketFactory(trusting.getSocketFactory());
    c.setHostnameVerifier((host, session) -> host.equals("127.0.0.1")); // the certificate names SERVER_NAME
    c.setConnectTimeout(5_000);
    c.setReadTimeout(5_000);
    try {
      return c.getResponseCode() == 200;
    } catch (SSLException e) {
      return false;
    } finally {
      c.disconnect();
    }
  }

  /** Replaces the live files one by one with a rename, as a secret volume update does. */
  private static void install(TestCertificates pki) throws IOException {
    replace(Path.of(pki.ca()), live.resolve("ca.crt"));
    replace(Path.of(pki.serverKey()), live.resolve("server.key"));
    replace(Path.of(pki.serverCert()), live.resolve("server.crt"));
  }

  private static void replace(Path from, Path to) throws IOException {
    Path tmp = to.resolveSibling(to.getFileName() + ".new");
    Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
    Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Whether a new connection with this PKI's client certificate, trusting its CA, gets an Info answer. */
  private static boolean answers(TestCertificates pki) throws InterruptedException {
    ManagedChannel channel = new GrpcClientTls(true, false, pki.clientCert(), pki.clientKey(), pki.ca(), SERVER_NAME)
        .apply(NettyChannelBuilder.forTarget("127.0.0.1:" + grpcPort)).build();
    try {
      InfoGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS).info(InfoRequest.getDefaultInstance());
      return true;
    } catch (StatusRuntimeException e) {
      return false;
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
