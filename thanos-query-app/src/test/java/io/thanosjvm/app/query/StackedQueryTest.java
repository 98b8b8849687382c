package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.model.Labels;
import io.thanosjvm.testing.FixedStore;
import io.thanosjvm.wire.infopb.InfoGrpc;
import io.thanosjvm.wire.infopb.InfoRequest;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.storepb.LabelMatcher;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The querier is itself a StoreAPI: a second {@code thanos query} uses the first as its only endpoint and
 * gets the same series through Info + Series, as a real Thanos querier would.
 */
class StackedQueryTest {

  private static ConfigurableApplicationContext query(String endpoint) {
    int[] exit = {0};
    return ThanosQueryApplication.run(ThanosCommandLine.prepare("query", new String[] {
        "--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0", "--endpoint=" + endpoint},
        System.out, System.err, exit));
  }

  private static int grpcPort(ConfigurableApplicationContext ctx) {
    return Integer.parseInt(ctx.getEnvironment().getProperty("local.grpc.port"));
  }

  @Test
  void aQuerierServesInfoAndSeriesToAnotherQuerier() throws Exception {
    try (FixedStore store = new FixedStore(Labels.of("cluster", "eu1"), 0, 10_000, true)
        .add(Labels.of("__name__", "up", "job", "a"), 0L, 100L, "chunk-a")
        .add(Labels.of("__name__", "up", "job", "b"), 0L, 100L, "chunk-b").start()) {
      ConfigurableApplicationContext lower = query(store.address());
      ConfigurableApplicationContext upper = query("127.0.0.1:" + grpcPort(lower));
      ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort(upper)).usePlaintext().build();
      try {
        InfoResponse info = InfoGrpc.newBlockingStub(ch).withDeadlineAfter(5, TimeUnit.SECONDS)
            .info(InfoRequest.getDefaultInstance());
        assertThat(info.getComponentType()).isEqualTo("query");
        assertThat(info.getStore().getMinTime()).isEqualTo(0);
        assertThat(info.getStore().getMaxTime()).isEqualTo(10_000);
        assertThat(info.getLabelSetsList()).hasSize(1);

        List<String> got = new ArrayList<>();
        StoreGrpc.newBlockingStub(ch).withDeadlineAfter(10, TimeUnit.SECONDS).series(SeriesRequest.newBuilder()
            .setMinTime(0).setMaxTime(1000)
            .addMatchers(LabelMatcher.newBuilder().setName("__name__").setValue("up")).build())
            .forEachRemaining(r -> got.add(r.getSeries().getLabelsList().stream()
                .map(l -> l.getName() + "=" + l.getValue()).collect(Collectors.joining(","))
                + " " + r.getSeries().getChunks(0).getRaw().getData().toStringUtf8()));
        assertThat(got).containsExactly("__name__=up,cluster=eu1,job=a chunk-a", "__name__=up,cluster=eu1,job=b chunk-b");
      } finally {
        ch.shutdownNow();
        upper.close();
        lower.close();
      }
    }
  }
}
