package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CompressorRegistry;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.server.grpc.SnappyCodec;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The common server behaviour of a component, on a real {@code thanos query} started from Thanos flags with
 * random loopback ports: probes, {@code /metrics} with Thanos' metric names, gRPC health, reflection and the
 * snappy compressor.
 */
class QueryServerBehaviourTest {

  private static ConfigurableApplicationContext app;
  private static int httpPort;
  private static ManagedChannel channel;

  @BeforeAll
  static void start() {
    int[] exit = {0};
    String[] args = ThanosCommandLine.prepare("query",
        new String[] {"--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0"}, System.out, System.err, exit);
    app = ThanosQueryApplication.run(args);
    httpPort = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    int grpcPort = Integer.parseInt(app.getEnvironment().getProperty("local.grpc.port"));
    channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext()
        .compressorRegistry(SnappyCodec.compressorRegistry())
        .decompressorRegistry(SnappyCodec.decompressorRegistry())
        .build();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    app.close();
  }

  @Test
  void readinessAndLivenessProbesAnswerOk() throws Exception {
    HttpResponse<String> ready = TestHttp.get(httpPort, "/-/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("OK");
    assertThat(TestHttp.get(httpPort, "/-/healthy").statusCode()).isEqualTo(200);
  }

  @Test
  void metricsUseThanosNames() throws Exception {
    TestHttp.get(httpPort, "/-/ready");
    HttpResponse<String> metrics = TestHttp.get(httpPort, "/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
    assertThat(metrics.body())
        .containsPattern("(?m)^thanos_build_info\\{.*version=\"[^\"]+\".*} 1")
        .containsPattern("(?m)^http_requests_total\\{code=\"200\",handler=\"/-/ready\",method=\"get\"} [1-9]")
        .contains("http_request_duration_seconds_bucket{");
  }

  @Test
  void unknownPathsAre404AndCountedUnderTheCatchAllRoute() throws Exception {
    assertThat(TestHttp.get(httpPort, "/no/such/path").statusCode()).isEqualTo(404);
    assertThat(TestHttp.get(httpPort, "/metrics").body())
        .containsPattern("(?m)^http_requests_total\\{code=\"404\",handler=\"static\",method=\"get\"}");
  }

  @Test
  void grpcHealthTurnsServingOnceReady() throws InterruptedException {
    assertThat(awaitServing()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  /** gRPC health follows readiness and is refreshed every 2 s, so poll for a while. */
  private static HealthCheckResponse.ServingStatus awaitServing() throws InterruptedException {
    HealthCheckResponse.ServingStatus status = HealthCheckResponse.ServingStatus.UNKNOWN;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      status = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance()).getStatus();
      if (status == HealthCheckResponse.ServingStatus.SERVING) {
        break;
      }
      Thread.sleep(200);
    }
    return status;
  }

  @Test
  void snappyCompressedCallsAreAcceptedAndCounted() throws Exception {
    awaitServing();
    HealthCheckResponse r = HealthGrpc.newBlockingStub(channel).withCompression(SnappyCodec.NAME)
        .withDeadlineAfter(5, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance());
    assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    assertThat(TestHttp.get(httpPort, "/metrics").body()).containsPattern(
        "(?m)^grpc_server_handled_total\\{grpc_code=\"OK\",grpc_method=\"Check\","
            + "grpc_service=\"grpc.health.v1.Health\",grpc_type=\"unary\"} [1-9]");
  }

  @Test
  void grpcReflectionListsServices() throws Exception {
    List<String> services = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
        .serverReflectionInfo(new StreamObserver<>() {
          @Override
          public void onNext(ServerReflectionResponse value) {
            value.getListServicesResponse().getServiceList().forEach(s -> services.add(s.getName()));
          }

          @Override
          public void onError(Throwable t) {
            done.countDown();
          }

          @Override
          public void onCompleted() {
            done.countDown();
          }
        });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    requests.onCompleted();
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(services).contains("grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection");
  }

  @Test
  void compressorRegistryOffersSnappy() {
    assertThat(CompressorRegistry.getDefaultInstance().lookupCompressor(SnappyCodec.NAME)).isNull();
    assertThat(SnappyCodec.compressorRegistry().lookupCompressor(SnappyCodec.NAME)).isNotNull();
  }
}
