package io.thanosjvm.store.prometheus;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.model.Labels;
import io.thanosjvm.store.testkit.StoreApiAcceptanceKit;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.wire.prompb.TimeSeries;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The StoreAPI acceptance kit against the sidecar's store: a real Prometheus 2.42 started with the kit's
 * external labels, the dataset pushed by remote write, {@link PrometheusStore} and the sidecar's Info served by
 * a gRPC server on loopback, called over a real channel.
 */
class PrometheusStoreAcceptanceTest extends StoreApiAcceptanceKit {

  /** Whole minutes; the data ends ten minutes ago (remote write only appends to the head's window). */
  private static final long BASE = (System.currentTimeMillis() / 60_000) * 60_000 - Dataset.SPAN_MS - 600_000;

  @Override
  protected long baseTime() {
    return BASE;
  }

  /** Prometheus' label API resolves time ranges per block (the head is one block), as Thanos' sidecar accepts. */
  @Override
  protected Capabilities capabilities() {
    return Capabilities.ALL.withBlockGranularLabelTimeRanges();
  }

  @Override
  protected StoreUnderTest start(Dataset data, Labels externalLabels) throws Exception {
    PrometheusServer prometheus = PrometheusServer.start(externalLabels.toMap());
    List<TimeSeries> write = new ArrayList<>();
    for (DatasetSeries s : data.series()) {
      List<String> pairs = new ArrayList<>();
      s.labels().forEach(l -> {
        pairs.add(l.name());
        pairs.add(l.value());
      });
      write.add(PrometheusServer.series(pairs.toArray(String[]::new), s.timestamps(), s.values()));
    }
    prometheus.remoteWrite(write);
    PrometheusClient client = new PrometheusClient(new PrometheusEndpoint(prometheus.url(), Duration.ofSeconds(30)));
    PrometheusSidecarState state = new PrometheusSidecarState(client);
    state.refresh();
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(PrometheusStore.forSidecar(client, state))
        .addService(new InfoService(() -> state.info(Long.MIN_VALUE)))
        .build().start();
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext()
        .maxInboundMessageSize(64 << 20).build();
    return StoreUnderTest.of(channel, () -> channel.shutdownNow(), () -> {
      server.shutdownNow();
      try {
        server.awaitTermination(10, TimeUnit.SECONDS);
        prometheus.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }
}
