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
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.store.WireMatchers;
import io.thanosjvm.tsdb.testing.Promtool;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several TSDBs behind one {@link TsdbStore} (receive's tenants): merged order, Info, external-label routing. */
class TsdbStoreTest {

  private Path dir;
  private LocalTsdb a;
  private LocalTsdb b;
  private Server server;
  private ManagedChannel channel;
  private TsdbStore store;

  @BeforeEach
  void start() throws Exception {
    dir = Files.createTempDirectory("tsdb-store");
    a = open("a");
    b = open("b");
    store = new TsdbStore(() -> List.of(new TsdbSource(a, Labels.of("tenant_id", "a")),
        new TsdbSource(b, Labels.of("tenant_id", "b"))));
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(store).build().start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
  }

  private LocalTsdb open(String tenant) throws Exception {
    LocalTsdb t = LocalTsdb.open(dir.resolve(tenant), TsdbOptions.defaults(), Clock.systemUTC(),
        new SimpleMeterRegistry());
    HeadAppender app = t.appender();
    // prefix label sets: {up} sorts before {up, job}, but {up, tenant_id} after {up, job, tenant_id}
    app.append(Labels.of("__name__", "up"), 1000, 1);
    app.append(Labels.of("__name__", "up", "job", "x"), 1000, 2);
    app.commit();
    return t;
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow();
    server.shutdownNow();
    a.close();
    b.close();
    Promtool.deleteTree(dir);
  }

  private List<Labels> series(Matcher... matchers) {
    SeriesRequest.Builder r = SeriesRequest.newBuilder().setMinTime(0).setMaxTime(5000);
    for (Matcher m : matchers) {
      r.addMatchers(WireMatchers.toStore(m));
    }
    List<Labels> out = new ArrayList<>();
    Iterator<SeriesResponse> it = StoreGrpc.newBlockingStub(channel).series(r.build());
    it.forEachRemaining(s -> {
      Labels.Builder l = Labels.builder();
      s.getSeries().getLabelsList().forEach(x -> l.set(x.getName(), x.getValue()));
      out.add(l.build());
    });
    return out;
  }

  @Test
  void seriesOfAllSourcesComeMergedInLabelOrderWithTheirExternalLabels() {
    assertThat(series(Matcher.equal("__name__", "up"))).containsExactly(
        Labels.of("__name__", "up", "job", "x", "tenant_id", "a"),
        Labels.of("__name__", "up", "job", "x", "tenant_id", "b"),
        Labels.of("__name__", "up", "tenant_id", "a"),
        Labels.of("__name__", "up", "tenant_id", "b"));
  }

  @Test
  void anExternalLabelMatcherSelectsItsSourceOnly() {
    assertThat(series(Matcher.equal("__name__", "up"), Matcher.equal("tenant_id", "b")))
        .extracting(l -> l.get("tenant_id")).containsOnly("b").hasSize(2);
    assertThat(series(Matcher.equal("__name__", "up"), Matcher.equal("tenant_id", "c"))).isEmpty();
  }

  @Test
  void infoHasOneLabelSetPerSourceAndTheOldestSample() {
    InfoResponse info = store.info("receive");
    assertThat(info.getComponentType()).isEqualTo("receive");
    assertThat(info.getLabelSetsList()).hasSize(2);
    assertThat(info.getStore().getMinTime()).isEqualTo(1000);
    assertThat(info.getStore().getMaxTime()).isEqualTo(Long.MAX_VALUE);
    assertThat(info.getStore().getTsdbInfosList()).hasSize(2);
  }
}
