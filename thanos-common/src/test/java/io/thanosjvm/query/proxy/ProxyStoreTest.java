package io.thanosjvm.query.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.thanosjvm.model.Labels;
import io.thanosjvm.query.endpoint.EndpointSet;
import io.thanosjvm.testing.FixedStore;
import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.LabelMatcher;
import io.thanosjvm.wire.storepb.PartialResponseStrategy;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The querier's StoreAPI proxy over real gRPC StoreAPI servers (test doubles with fixed series). */
class ProxyStoreTest {

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
    executor.shutdownNow();
  }

  private FixedStore store(Labels ext, long min, long max, boolean stripsReplicas) throws Exception {
    FixedStore s = new FixedStore(ext, min, max, stripsReplicas);
    closeables.add(s);
    return s;
  }

  /** Starts a proxy over the stores and returns a client stub to it. */
  private StoreGrpc.StoreBlockingStub proxy(FixedStore... stores) throws Exception {
    List<String> addresses = new ArrayList<>();
    for (FixedStore s : stores) {
      addresses.add(s.start().address());
    }
    EndpointSet endpoints = new EndpointSet(addresses, Duration.ofSeconds(5), List.of());
    closeables.add(endpoints);
    endpoints.refresh();
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(new ProxyStore(endpoints::stores, executor, Duration.ofSeconds(10))).build().start();
    closeables.add(server::shutdownNow);
    ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    closeables.add(ch::shutdownNow);
    return StoreGrpc.newBlockingStub(ch);
  }

  private static SeriesRequest.Builder req(String name) {
    return SeriesRequest.newBuilder().setMinTime(0).setMaxTime(1000)
        .addMatchers(LabelMatcher.newBuilder().setName("__name__").setValue(name));
  }

  private static List<String> series(StoreGrpc.StoreBlockingStub stub, SeriesRequest r) {
    List<String> out = new ArrayList<>();
    stub.series(r).forEachRemaining(resp -> {
      if (resp.hasSeries()) {
        out.add(resp.getSeries().getLabelsList().stream().map(l -> l.getName() + "=" + l.getValue())
            .collect(Collectors.joining(",")) + " " + resp.getSeries().getChunksList().stream()
            .map(c -> c.getMinTime() + "-" + c.getMaxTime() + ":" + c.getRaw().getData().toStringUtf8())
            .collect(Collectors.joining("|")));
      } else if (resp.hasWarning()) {
        out.add("warning: " + resp.getWarning());
      }
    });
    return out;
  }

  @Test
  void mergesSortedStreamsFromSeveralStores() throws Exception {
    FixedStore a = store(Labels.of("cluster", "a"), 0, 1000, true)
        .add(Labels.of("__name__", "up", "job", "x"), 0L, 100L, "a1")
        .add(Labels.of("__name__", "up", "job", "z"), 0L, 100L, "a2");
    FixedStore b = store(Labels.of("cluster", "b"), 0, 1000, true)
        .add(Labels.of("__name__", "up", "job", "y"), 0L, 100L, "b1");
    assertThat(series(proxy(a, b), req("up").build())).containsExactly(
        "__name__=up,cluster=a,job=x 0-100:a1",
        "__name__=up,cluster=a,job=z 0-100:a2",
        "__name__=up,cluster=b,job=y 0-100:b1");
  }

  @Test
  void equalSeriesAreMergedAndIdenticalChunksKeptOnce() throws Exception {
    FixedStore r0 = store(Labels.of("replica", "0"), 0, 1000, true)
        .add(Labels.of("__name__", "up"), 0L, 100L, "same", 200L, 300L, "only-r0");
    FixedStore r1 = store(Labels.of("replica", "1"), 0, 1000, true)
        .add(Labels.of("__name__", "up"), 0L, 100L, "same", 100L, 200L, "only-r1");
    assertThat(series(proxy(r0, r1), req("up").addWithoutReplicaLabels("replica").build()))
        .containsExactly("__name__=up 0-100:same|100-200:only-r1|200-300:only-r0");
  }

  @Test
  void storesAreSelectedByTimeRangeAndExternalLabels() throws Exception {
    FixedStore old = store(Labels.of("cluster", "a"), 0, 99, true).add(Labels.of("__name__", "up"), 0L, 99L, "old");
    FixedStore other = store(Labels.of("cluster", "b"), 0, 1000, true).add(Labels.of("__name__", "up"), 0L, 900L, "b");
    FixedStore match = store(Labels.of("cluster", "a"), 100, 1000, true)
        .add(Labels.of("__name__", "up"), 100L, 900L, "new");
    SeriesRequest r = req("up").setMinTime(100)
        .addMatchers(LabelMatcher.newBuilder().setName("cluster").setValue("a")).build();
    assertThat(series(proxy(old, other, match), r)).containsExactly("__name__=up,cluster=a 100-900:new");
  }

  @Test
  void failingStoreIsAWarningUnderWarnAndAnErrorUnderAbort() throws Exception {
    FixedStore good = store(Labels.of("cluster", "a"), 0, 1000, true).add(Labels.of("__name__", "up"), 0L, 1L, "ok");
    FixedStore bad = store(Labels.of("cluster", "b"), 0, 1000, true).add(Labels.of("__name__", "up"), 0L, 1L, "x");
    StoreGrpc.StoreBlockingStub stub = proxy(good, bad);
    bad.failWith(Status.UNAVAILABLE.withDescription("disk on fire"));
    List<String> warn = series(stub, req("up").build());
    assertThat(warn).contains("__name__=up,cluster=a 0-1:ok");
    assertThat(warn).anySatisfy(l -> assertThat(l).startsWith("warning: store " + bad.address())
        .contains("disk on fire"));
    assertThatThrownBy(() -> series(stub, req("up").setPartialResponseStrategy(PartialResponseStrategy.ABORT).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
          assertThat(e.getStatus().getDescription()).contains("disk on fire");
        });
  }

  @Test
  void replicaLabelsAreStrippedForStoresThatCannotAndOrderIsRestored() throws Exception {
    FixedStore s = store(Labels.EMPTY, 0, 1000, false)
        .add(Labels.of("__name__", "up", "a", "1", "replica", "x", "z", "2"), 0L, 1L, "p")
        .add(Labels.of("__name__", "up", "a", "1", "replica", "y", "z", "1"), 0L, 1L, "q");
    assertThat(series(proxy(s), req("up").addWithoutReplicaLabels("replica").build()))
        .containsExactly("__name__=up,a=1,z=1 0-1:q", "__name__=up,a=1,z=2 0-1:p");
  }

  @Test
  void limitCapsTheMergedSeries() throws Exception {
    FixedStore s = store(Labels.EMPTY, 0, 1000, true);
    for (int i = 0; i < 50; i++) {
      s.add(Labels.of("__name__", "up", "i", String.format("%02d", i)), 0L, 1L, "c");
    }
    assertThat(series(proxy(s), req("up").setLimit(7).build())).hasSize(7);
    assertThat(series(proxy(store(Labels.EMPTY, 0, 1000, true)), req("up").build())).isEmpty();
  }

  @Test
  void chunksDifferingOnlyInTheOptionalHashAreTheSameChunk() {
    AggrChunk withHash = FixedStore.chunk(0, 10, "data", 42);
    AggrChunk withoutHash = FixedStore.chunk(0, 10, "data", 0);
    var merged = SeriesMerge.merge(List.of(
        io.thanosjvm.wire.storepb.Series.newBuilder().addChunks(withHash).build(),
        io.thanosjvm.wire.storepb.Series.newBuilder().addChunks(withoutHash).build()));
    assertThat(merged.getChunksCount()).isEqualTo(1);
  }

  @Test
  void requestWithoutMatchersIsInvalid() throws Exception {
    StoreGrpc.StoreBlockingStub stub = proxy(store(Labels.EMPTY, 0, 1000, true));
    assertThatThrownBy(() -> stub.series(SeriesRequest.newBuilder().setMaxTime(10).build()).forEachRemaining(r -> { }))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }
}
