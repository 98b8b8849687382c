package io.thanosjvm.store.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.head.HeadAppender;
import io.thanosjvm.head.LocalTsdb;
import io.thanosjvm.head.TsdbOptions;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.model.Labels;
import io.thanosjvm.store.testkit.StoreApiAcceptanceKit;
import io.thanosjvm.tsdb.testing.Promtool;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * The StoreAPI acceptance kit against {@link TsdbStore}: the dataset appended in time order to a {@link LocalTsdb}
 * (as remote write would), then compacted so that the first 2h window is a block on disk and the rest stays in
 * the head: series spanning both are served merged. Served with its Info on a loopback gRPC server.
 */
class TsdbStoreAcceptanceTest extends StoreApiAcceptanceKit {

  @Override
  protected long baseTime() {
    return 1_718_841_600_000L; // 2h-aligned: the first window becomes a block
  }

  @Override
  protected StoreUnderTest start(Dataset data, Labels externalLabels) throws Exception {
    Path dir = Files.createTempDirectory("tsdb-store-acceptance");
    LocalTsdb tsdb = LocalTsdb.open(dir, TsdbOptions.defaults().withExternalLabels(externalLabels.toMap()),
        Clock.systemUTC(), new SimpleMeterRegistry());
    appendInTimeOrder(tsdb, data);
    tsdb.compact();
    assertThat(tsdb.blocks()).as("part of the data is in a block").isNotEmpty();
    assertThat(tsdb.head().numSeries()).as("part of the data is in the head").isPositive();
    TsdbStore store = TsdbStore.of(tsdb, externalLabels);
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(store).addService(new InfoService(() -> Optional.of(store.info("receive"))))
        .build().start();
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext()
        .maxInboundMessageSize(64 << 20).build();
    return StoreUnderTest.of(channel, channel::shutdownNow, () -> {
      server.shutdownNow();
      try {
        server.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      tsdb.close();
      Promtool.deleteTree(dir);
    });
  }

  /** Appends every sample of the dataset ordered by time across series, committing every 1000 samples. */
  static void appendInTimeOrder(LocalTsdb tsdb, Dataset data) throws Exception {
    record Next(DatasetSeries series, int index) {
      long t() {
        return series.timestamps()[index];
      }
    }
    PriorityQueue<Next> queue = new PriorityQueue<>((a, b) -> Long.compare(a.t(), b.t()));
    for (DatasetSeries s : data.series()) {
      queue.add(new Next(s, 0));
    }
    HeadAppender app = tsdb.appender();
    int pending = 0;
    while (!queue.isEmpty()) {
      Next n = queue.poll();
      app.append(n.series().labels(), n.t(), n.series().values()[n.index()]);
      if (n.index() + 1 < n.series().timestamps().length) {
        queue.add(new Next(n.series(), n.index() + 1));
      }
      if (++pending == 1000) {
        app.commit();
        app = tsdb.appender();
        pending = 0;
      }
    }
    app.commit();
  }
}
