package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import io.thanosjvm.cli.ThanosCommandLine;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A client that pings every 10 s while a stream is open — what real Thanos queriers do — keeps its
 * connection to our gRPC server. As a control, the same client against a grpc-java server with default
 * keepalive enforcement (5 min) gets GOAWAY too_many_pings within the same window, which shows this test
 * can tell the two apart. Takes about 40 s.
 */
class GrpcKeepaliveIT {

  private static final long WINDOW_SECONDS = 40;

  @Test
  void clientPingingEveryTenSecondsKeepsItsStream() throws Exception {
    int[] exit = {0};
    ConfigurableApplicationContext app = ThanosQueryApplication.run(ThanosCommandLine.prepare("query",
        new String[] {"--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0"}, System.out, System.err, exit));
    Server control = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(new HealthStatusManager().getHealthService()).build().start();
    int ourPort = Integer.parseInt(app.getEnvironment().getProperty("local.grpc.port"));
    ManagedChannel ours = pingingChannel(ourPort);
    ManagedChannel theirs = pingingChannel(control.getPort());
    try {
      CompletableFuture<Status> ourStream = watch(ours);
      CompletableFuture<Status> controlStream = watch(theirs);
      Thread.sleep(TimeUnit.SECONDS.toMillis(WINDOW_SECONDS));

      assertThat(controlStream).as("control server (default enforcement) ends the stream").isDone();
      // GOAWAY ENHANCE_YOUR_CALM "too_many_pings" surfaces as RESOURCE_EXHAUSTED (or UNAVAILABLE)
      assertThat(controlStream.get().getCode()).isIn(Status.Code.RESOURCE_EXHAUSTED, Status.Code.UNAVAILABLE);
      assertThat(ourStream).as("our server keeps the stream open for %ss of 10 s pings", WINDOW_SECONDS)
          .isNotDone();
      // and the connection still serves calls
      assertThat(HealthGrpc.newBlockingStub(ours).withDeadlineAfter(5, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance()).getStatus())
          .isNotEqualTo(HealthCheckResponse.ServingStatus.UNKNOWN);
    } finally {
      ours.shutdownNow();
      theirs.shutdownNow();
      control.shutdownNow();
      app.close();
    }
  }

  private static ManagedChannel pingingChannel(int port) {
    return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
        .keepAliveTime(10, TimeUnit.SECONDS).keepAliveTimeout(5, TimeUnit.SECONDS)
        .build();
  }

  /** Opens a Health.Watch stream (server streaming, stays open) and completes with its final status. */
  private static CompletableFuture<Status> watch(ManagedChannel channel) {
    CompletableFuture<Status> end = new CompletableFuture<>();
    HealthGrpc.newStub(channel).watch(HealthCheckRequest.getDefaultInstance(), new StreamObserver<>() {
      @Override
      public void onNext(HealthCheckResponse value) {
        // status updates are fine; only the end of the stream matters
      }

      @Override
      public void onError(Throwable t) {
        end.complete(Status.fromThrowable(t));
      }

      @Override
      public void onCompleted() {
        end.complete(Status.OK);
      }
    });
    return end;
  }
}
