package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.thanosjvm.cacheutil.TestCertificates;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.model.Labels;
import io.thanosjvm.server.grpc.GrpcClientTls;
import io.thanosjvm.testing.FixedStore;
import io.thanosjvm.tsdb.chunkenc.XorChunkWriter;
import io.thanosjvm.wire.infopb.InfoGrpc;
import io.thanosjvm.wire.infopb.InfoRequest;
import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.Chunk;
import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mutual TLS between queriers, as between a querier and a store gateway or sidecar: an inner querier serves its
 * StoreAPI with {@code --grpc-server-tls-cert/-key/-client-ca}; an outer querier dials it with
 * {@code --grpc-client-tls-*} and answers from it. Plaintext clients, TLS clients without a certificate, clients
 * trusting another CA and TLS 1.2-only clients (below the default minimum, 1.3) are refused.
 */
class GrpcMutualTlsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String SERVER_NAME = "store.thanos.test";
  private static TestCertificates pki;
  private static TestCertificates otherPki;
  private static FixedStore store;
  private static ConfigurableApplicationContext inner;
  private static ConfigurableApplicationContext outer;
  private static int innerGrpcPort;
  private static int outerHttpPort;

  @BeforeAll
  static void start() throws Exception {
    pki = TestCertificates.create(Files.createTempDirectory("mtls"), SERVER_NAME);
    otherPki = TestCertificates.create(Files.createTempDirectory("mtls-other"), SERVER_NAME);
    XorChunkWriter w = new XorChunkWriter();
    for (int k = 0; k < 10; k++) {
      w.append(k * 15_000L, k);
    }
    store = new FixedStore(Labels.of("site", "inner"), 0, 150_000, true)
        .addChunks(Labels.of("__name__", "temperature", "site", "inner"), List.of(AggrChunk.newBuilder()
            .setMinTime(w.minTime()).setMaxTime(w.maxTime()).setRaw(Chunk.newBuilder().setType(Chunk.Encoding.XOR)
                .setData(com.google.protobuf.ByteString.copyFrom(w.bytes()))).build()))
        .start();
    int[] exit = {0};
    inner = ThanosQueryApplication.run(ThanosCommandLine.prepare("query", new String[] {
        "--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0", "--endpoint=" + store.address(),
        "--grpc-server-tls-cert=" + pki.serverCert(), "--grpc-server-tls-key=" + pki.serverKey(),
        "--grpc-server-tls-client-ca=" + pki.ca()}, System.out, System.err, exit));
    innerGrpcPort = Integer.parseInt(inner.getEnvironment().getProperty("local.grpc.port"));
    outer = ThanosQueryApplication.run(ThanosCommandLine.prepare("query", new String[] {
        "--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0", "--endpoint=127.0.0.1:" + innerGrpcPort,
        "--grpc-client-tls-secure", "--grpc-client-tls-ca=" + pki.ca(), "--grpc-client-tls-cert="
            + pki.clientCert(), "--grpc-client-tls-key=" + pki.clientKey(),
        "--grpc-client-server-name=" + SERVER_NAME}, System.out, System.err, exit));
    outerHttpPort = Integer.parseInt(outer.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  static void stop() {
    for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[] {outer, inner}) {
      if (c != null) {
        c.close();
      }
    }
    if (store != null) {
      store.close();
    }
  }

  @Test
  void theOuterQuerierAnswersThroughMutualTls() throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    JsonNode result;
    do {
      result = JSON.readTree(TestHttp.get(outerHttpPort, "/api/v1/query?time=100&query="
          + URLEncoder.encode("temperature", StandardCharsets.UTF_8)).body()).path("data").path("result");
      if (result.size() == 1) {
        break;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    assertThat(result.size()).as("outer querier result through mTLS").isEqualTo(1);
    assertThat(result.get(0).path("metric").path("site").asString()).isEqualTo("inner");
    assertThat(result.get(0).path("value").get(1).asString()).isEqualTo("6");
    assertThat(info(new GrpcClientTls(true, false, pki.clientCert(), pki.clientKey(), pki.ca(), SERVER_NAME)
        .apply(channel()).build())).isTrue();
  }

  @Test
  void clientsWithoutAValidCertificateAreRefused() throws Exception {
    // plaintext
    assertRefused(channel().usePlaintext().build());
    // TLS, but no client certificate
    assertRefused(new GrpcClientTls(true, false, "", "", pki.ca(), SERVER_NAME).apply(channel()).build());
    // a client certificate from another CA
    assertRefused(new GrpcClientTls(true, false, otherPki.clientCert(), otherPki.clientKey(), pki.ca(),
        SERVER_NAME).apply(channel()).build());
    // the server certificate does not chain to the CA the client trusts
    assertRefused(new GrpcClientTls(true, false, pki.clientCert(), pki.clientKey(), otherPki.ca(), SERVER_NAME)
        .apply(channel()).build());
    // TLS 1.2 only, below the default --grpc-server-tls-min-version=1.3
    assertRefused(channel().useTransportSecurity().overrideAuthority(SERVER_NAME).sslContext(
        GrpcSslContexts.forClient().protocols("TLSv1.2").trustManager(new File(pki.ca()))
            .keyManager(new File(pki.clientCert()), new File(pki.clientKey())).build()).build());
  }

  private static NettyChannelBuilder channel() {
    return NettyChannelBuilder.forTarget("127.0.0.1:" + innerGrpcPort);
  }

  private static void assertRefused(ManagedChannel channel) throws InterruptedException {
    try {
      assertThatThrownBy(() -> info(channel)).isInstanceOf(StatusRuntimeException.class);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static boolean info(ManagedChannel channel) throws InterruptedException {
    try {
      return InfoGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
          .info(InfoRequest.getDefaultInstance()).hasStore();
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
