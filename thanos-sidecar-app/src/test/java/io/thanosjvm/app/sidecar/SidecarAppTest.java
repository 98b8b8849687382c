package io.thanosjvm.app.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.wire.infopb.InfoGrpc;
import io.thanosjvm.wire.infopb.InfoRequest;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.storepb.LabelMatcher;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code thanos sidecar} beside a real Prometheus 2.42: Info and Series over gRPC, readiness following
 * Prometheus, recovery after Prometheus comes back, and refusal of a Prometheus without external labels.
 */
class SidecarAppTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static ConfigurableApplicationContext startSidecar(PrometheusServer prometheus, String readyTimeout) {
    int[] exit = {0};
    return ThanosSidecarApplication.run(ThanosCommandLine.prepare("sidecar", new String[] {
        "--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0",
        "--prometheus.url=" + prometheus.url(), "--prometheus.get_config_interval=500ms",
        "--prometheus.get_config_timeout=2s", "--prometheus.ready_timeout=" + readyTimeout},
        System.out, System.err, exit));
  }

  private static int ready(int httpPort) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/-/ready")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(200);
    }
  }

  @Test
  void servesInfoAndSeriesAndFollowsPrometheusAvailability() throws Exception {
    try (PrometheusServer prometheus = PrometheusServer.start(Map.of("cluster", "eu1", "replica", "0"))) {
      long now = (System.currentTimeMillis() / 1000) * 1000;
      prometheus.remoteWrite(List.of(PrometheusServer.series(new String[] {"__name__", "up", "job", "node"},
          new long[] {now - 60_000, now - 30_000, now}, new double[] {1, 1, 0})));
      ConfigurableApplicationContext app = startSidecar(prometheus, "30s");
      int httpPort = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      int grpcPort = Integer.parseInt(app.getEnvironment().getProperty("local.grpc.port"));
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
      try {
        assertThat(ready(httpPort)).isEqualTo(200);
        InfoResponse info = InfoGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
            .info(InfoRequest.getDefaultInstance());
        assertThat(info.getComponentType()).isEqualTo("sidecar");
        assertThat(info.getLabelSets(0).getLabelsList()).extracting(l -> l.getName() + "=" + l.getValue())
            .containsExactly("cluster=eu1", "replica=0");
        assertThat(info.hasStore()).isTrue();
        assertThat(info.getStore().getSupportsWithoutReplicaLabels()).isTrue();

        SeriesRequest req = SeriesRequest.newBuilder().setMinTime(now - 120_000).setMaxTime(now)
            .addMatchers(LabelMatcher.newBuilder().setName("__name__").setValue("up")).build();
        List<SeriesResponse> frames = new ArrayList<>();
        StoreGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS).series(req)
            .forEachRemaining(frames::add);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).getSeries().getLabelsList()).extracting(l -> l.getName() + "=" + l.getValue())
            .containsExactly("__name__=up", "cluster=eu1", "job=node", "replica=0");

        prometheus.kill();
        await(() -> uncheckedReady(httpPort) == 503, "readiness fails once Prometheus is gone");
        assertThatThrownBy(() -> {
          Iterator<SeriesResponse> it = StoreGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
              .series(req);
          it.forEachRemaining(r -> { });
        }).isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        assertThatThrownBy(() -> InfoGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
            .info(InfoRequest.getDefaultInstance())).isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body()).containsPattern("(?m)^thanos_sidecar_prometheus_up 0");

        prometheus.restart();
        await(() -> uncheckedReady(httpPort) == 200, "readiness recovers when Prometheus returns");
        List<SeriesResponse> again = new ArrayList<>();
        StoreGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS).series(req)
            .forEachRemaining(again::add);
        assertThat(again).hasSize(1);
      } finally {
        channel.shutdownNow();
        app.close();
      }
    }
  }

  @Test
  void refusesAPrometheusWithoutExternalLabels() throws Exception {
    try (PrometheusServer prometheus = PrometheusServer.start(Map.of())) {
      assertThatThrownBy(() -> startSidecar(prometheus, "5s").close())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no external labels configured on Prometheus server");
    }
  }

  private static int uncheckedReady(int port) {
    try {
      return ready(port);
    } catch (Exception e) {
      return -1;
    }
  }
}
