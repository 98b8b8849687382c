package io.thanosjvm.app.query;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.model.Labels;
import io.thanosjvm.store.prometheus.PrometheusClient;
import io.thanosjvm.store.prometheus.PrometheusEndpoint;
import io.thanosjvm.store.prometheus.PrometheusSidecarState;
import io.thanosjvm.store.prometheus.PrometheusStore;
import io.thanosjvm.store.testkit.StoreApiAcceptanceKit;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.wire.infopb.InfoGrpc;
import io.thanosjvm.wire.infopb.InfoRequest;
import io.thanosjvm.wire.prompb.TimeSeries;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The StoreAPI acceptance kit against {@code thanos query} used as a store (stacked querier): a real Prometheus
 * 2.42 with the dataset behind a sidecar StoreAPI, the querier's gRPC StoreAPI + Info in front, called as another
 * querier would call it.
 */
class StackedQueryStoreAcceptanceIT extends StoreApiAcceptanceKit {

  /** Whole minutes; the data ends ten minutes ago (remote write only appends to the head's window). */
  private static final long BASE = (System.currentTimeMillis() / 60_000) * 60_000 - Dataset.SPAN_MS - 600_000;

  @Override
  protected long baseTime() {
    return BASE;
  }

  /** The sidecar below answers label time ranges per block; the querier passes that on. */
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
    Server sidecar = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .permitKeepAliveTime(10, TimeUnit.SECONDS)
        .addService(PrometheusStore.forSidecar(client, state))
        .addService(new InfoService(() -> state.info(Long.MIN_VALUE)))
        .build().start();
    int[] exit = {0};
    ConfigurableApplicationContext query = ThanosQueryApplication.run(ThanosCommandLine.prepare("query",
        new String[] {"--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0",
            "--endpoint=127.0.0.1:" + sidecar.getPort()}, System.out, System.err, exit));
    int grpcPort = Integer.parseInt(query.getEnvironment().getProperty("local.grpc.port"));
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext()
        .maxInboundMessageSize(64 << 20).build();
    awaitEndpoint(channel);
    return StoreUnderTest.of(channel, channel::shutdownNow, query::close, () -> {
      sidecar.shutdownNow();
      try {
        sidecar.awaitTermination(10, TimeUnit.SECONDS);
        prometheus.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /** Waits until the querier has taken the sidecar into its store set (its Info shows the label set). */
  private static void awaitEndpoint(ManagedChannel channel) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try {
        if (InfoGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
            .info(InfoRequest.getDefaultInstance()).getLabelSetsCount() > 0) {
          return;
        }
      } catch (io.grpc.StatusRuntimeException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the querier never took the sidecar into its store set");
  }
}
