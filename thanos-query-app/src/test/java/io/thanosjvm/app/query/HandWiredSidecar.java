package io.thanosjvm.app.query;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.shipper.Shipper;
import io.thanosjvm.shipper.ShipperMetrics;
import io.thanosjvm.shipper.ShipperOptions;
import io.thanosjvm.store.prometheus.PrometheusClient;
import io.thanosjvm.store.prometheus.PrometheusEndpoint;
import io.thanosjvm.store.prometheus.PrometheusSidecarState;
import io.thanosjvm.store.prometheus.PrometheusStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The sidecar's plain-Java pieces wired by hand, as {@code thanos-sidecar-app} wires them: Prometheus client and
 * state, the StoreAPI over remote read, Info whose min_time follows the oldest local block while shipping, and the
 * shipper (synced on demand rather than every 30 s) — served on a loopback gRPC port.
 *
 * <p>The query app cannot depend on the sidecar app (LayeringTest), and the reactor builds {@code thanos-query-app}
 * before {@code thanos-sidecar-app}, so the sidecar's jar does not exist yet when these integration tests run.
 */
final class HandWiredSidecar implements AutoCloseable {

  private final PrometheusSidecarState state;
  private final Shipper shipper;
  private final Server grpc;
  private volatile long minTime = Long.MIN_VALUE;

  private HandWiredSidecar(PrometheusSidecarState state, Shipper shipper, Server grpc) {
    this.state = state;
    this.shipper = shipper;
    this.grpc = grpc;
  }

  /** Starts serving Prometheus at {@code prometheus}; {@link #ship()} uploads {@code tsdbDir}'s blocks to the bucket. */
  static HandWiredSidecar start(URI prometheus, Path tsdbDir, Bucket bucket) throws IOException {
    PrometheusClient client = new PrometheusClient(new PrometheusEndpoint(prometheus, Duration.ofSeconds(10)));
    PrometheusSidecarState state = new PrometheusSidecarState(client);
    state.refresh();
    if (!state.ready()) {
      throw new IllegalStateException("prometheus not ready for the sidecar: " + state.problem());
    }
    Shipper shipper = new Shipper(ShipperOptions.sidecar(tsdbDir, false), bucket, state::servingExternalLabels,
        new ShipperMetrics(new SimpleMeterRegistry(), false), Clock.systemUTC());
    HandWiredSidecar[] self = new HandWiredSidecar[1];
    Server grpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(PrometheusStore.forSidecar(client, state))
        .addService(new InfoService(() -> state.info(self[0].minTime)))
        .build().start();
    self[0] = new HandWiredSidecar(state, shipper, grpc);
    return self[0];
  }

  /** One shipper pass, then min_time from the local blocks (as the sidecar does after each sync). */
  int ship() throws Exception {
    int uploaded = shipper.sync();
    minTime = shipper.timestamps().minTime();
    return uploaded;
  }

  /** The gRPC address, {@code 127.0.0.1:port}. */
  String address() {
    return "127.0.0.1:" + grpc.getPort();
  }

  /** The external labels Prometheus reports. */
  io.thanosjvm.model.Labels externalLabels() {
    return state.servingExternalLabels();
  }

  @Override
  public void close() throws InterruptedException {
    grpc.shutdownNow().awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
  }
}
