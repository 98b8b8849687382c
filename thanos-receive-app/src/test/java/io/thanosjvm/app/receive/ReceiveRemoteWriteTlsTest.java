package io.thanosjvm.app.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.thanosjvm.cacheutil.TestCertificates;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.wire.storepb.LabelMatcher;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Remote write over mutual TLS ({@code --remote-write.server-tls-cert/-key/-client-ca}): a real Prometheus 2.42
 * whose {@code remote_write} has a {@code tls_config} with a client certificate delivers its samples, which the
 * StoreAPI then serves; a client without a certificate and a plain-HTTP client are refused.
 */
class ReceiveRemoteWriteTlsTest {

  private static final String SERVER_NAME = "receive.thanos.test";

  @TempDir Path tmp;

  @Test
  void prometheusWritesThroughMutualTlsAndOthersAreRefused() throws Exception {
    TestCertificates pki = TestCertificates.create(tmp.resolve("pki"), SERVER_NAME);
    ConfigurableApplicationContext app = ReceiveAppTest.start("--http-address=127.0.0.1:0",
        "--grpc-address=127.0.0.1:0", "--remote-write.address=127.0.0.1:0", "--tsdb.path=" + tmp.resolve("data"),
        "--label=receive_replica=\"r0\"", "--remote-write.server-tls-cert=" + pki.serverCert(),
        "--remote-write.server-tls-key=" + pki.serverKey(), "--remote-write.server-tls-client-ca=" + pki.ca());
    int grpcPort = Integer.parseInt(app.getEnvironment().getProperty("local.grpc.port"));
    int rw = ReceiveAppTest.remoteWritePort(app);
    String config = """
        global:
          scrape_interval: 1s
        scrape_configs:
          - job_name: prometheus
            static_configs:
              - targets: ['127.0.0.1:{{port}}']
        remote_write:
          - url: https://127.0.0.1:%d/api/v1/receive
            queue_config:
              batch_send_deadline: 1s
            tls_config:
              ca_file: %s
              cert_file: %s
              key_file: %s
              server_name: %s
        """.formatted(rw, pki.ca(), pki.clientCert(), pki.clientKey(), SERVER_NAME);
    PrometheusServer prometheus = PrometheusServer.startWithConfig(config, null);
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    try {
      List<String> jobs = new ArrayList<>();
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (jobs.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(1_000);
        long now = System.currentTimeMillis();
        StoreGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS).series(SeriesRequest.newBuilder()
            .setMinTime(now - 600_000).setMaxTime(now + 60_000).addMatchers(LabelMatcher.newBuilder()
                .setName("__name__").setValue("up")).build())
            .forEachRemaining((SeriesResponse r) -> r.getSeries().getLabelsList().stream()
                .filter(l -> l.getName().equals("job")).forEach(l -> jobs.add(l.getValue())));
      }
      assertThat(jobs).as("Prometheus' up series, written over mutual TLS").containsExactly("prometheus");

      assertThat(post(pki, true, rw)).as("TLS with the client certificate (control)").isEqualTo(200);
      assertThatThrownBy(() -> post(pki, false, rw)).as("TLS without a client certificate")
          .isInstanceOf(IOException.class);
      HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rw
              + "/api/v1/receive")).timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(
              ReceiveAppTest.body(System.currentTimeMillis(), "__name__", "x"))).build(),
          HttpResponse.BodyHandlers.ofString())).as("plain HTTP").isInstanceOf(IOException.class);
    } finally {
      channel.shutdownNow();
      prometheus.close();
      app.close();
    }
  }

  /** POSTs one sample over HTTPS (trusting the test CA, with or without the client certificate). */
  private static int post(TestCertificates pki, boolean clientCert, int port) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("ca", certificate(pki.ca()));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (clientCert) {
      String pem = Files.readString(Path.of(pki.clientKey())).replaceAll("-----[A-Z ]+-----|\\s", "");
      PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
          Base64.getDecoder().decode(pem)));
      KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
      keys.load(null, null);
      keys.setKeyEntry("client", key, new char[0], new Certificate[] {certificate(pki.clientCert())});
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, new char[0]);
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    HttpsURLConnection c = (HttpsURLConnection) URI.create("https://127.0.0.1:" + port + "/api/v1/receive").toURL()
        .openConnection();
    c.setSSLSocketFactory(ctx.getSocketFactory());
    c.setHostnameVerifier((host, session) -> host.equals("127.0.0.1")); // the certificate names SERVER_NAME
    c.setConnectTimeout(5_000);
    c.setReadTimeout(10_000);
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Content-Encoding", "snappy");
    c.setRequestProperty("Content-Type", "application/x-protobuf");
    try (var out = c.getOutputStream()) {
      out.write(ReceiveAppTest.body(System.currentTimeMillis(), "__name__", "tls_probe"));
    }
    try {
      return c.getResponseCode();
    } finally {
      c.disconnect();
    }
  }

  private static Certificate certificate(String file) throws Exception {
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      return CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
