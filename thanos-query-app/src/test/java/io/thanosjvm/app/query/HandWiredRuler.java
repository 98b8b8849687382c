package io.thanosjvm.app.query;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.head.LocalTsdb;
import io.thanosjvm.head.TsdbOptions;
import io.thanosjvm.head.TsdbQueryable;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.model.Labels;
import io.thanosjvm.rules.AlertLabeling;
import io.thanosjvm.rules.GeneratorUrl;
import io.thanosjvm.rules.HttpRuleQuery;
import io.thanosjvm.rules.QueryEndpoint;
import io.thanosjvm.rules.RuleManagerSettings;
import io.thanosjvm.rules.Ruler;
import io.thanosjvm.rules.RulerConfig;
import io.thanosjvm.rules.RulesService;
import io.thanosjvm.rules.TsdbSampleSink;
import io.thanosjvm.store.tsdb.TsdbStore;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.infopb.RulesInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The ruler's plain-Java pieces wired by hand, as {@code thanos-ruler-app} wires them: the rule evaluation through a
 * query API's HTTP endpoint into a local TSDB (head + WAL), the StoreAPI and Info (component type {@code rule},
 * external labels from {@code --label}) over it, optionally the Rules API ({@code thanos.Rules}, then advertised
 * in Info) — served on a loopback gRPC port.
 *
 * <p>The query app cannot depend on the ruler app (LayeringTest), and the reactor builds {@code thanos-query-app}
 * before {@code thanos-ruler-app}, so the ruler's jar does not exist yet when these tests run.
 */
final class HandWiredRuler implements AutoCloseable {

  private final LocalTsdb tsdb;
  private final Ruler ruler;
  private final Server grpc;

  private HandWiredRuler(LocalTsdb tsdb, Ruler ruler, Server grpc) {
    this.tsdb = tsdb;
    this.ruler = ruler;
    this.grpc = grpc;
  }

  /**
   * Starts a ruler evaluating {@code ruleFile} every second through {@code query} with external labels
   * {@code externalLabels}, its TSDB in {@code dataDir}.
   *
   * @param rulesApi whether it serves (and advertises) the Rules API
   */
  static HandWiredRuler start(Path dataDir, Path ruleFile, URI query, Labels externalLabels, boolean rulesApi)
      throws IOException {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    LocalTsdb tsdb = LocalTsdb.open(dataDir, TsdbOptions.defaults().withExternalLabels(externalLabels.toMap()),
        Clock.systemUTC(), registry);
    RuleManagerSettings manager = new RuleManagerSettings(1000, 0, 60_000, 3_600_000, 600_000, externalLabels,
        "http://ruler.test");
    RulerConfig config = new RulerConfig(List.of(ruleFile.toString()),
        List.of(QueryEndpoint.parse(query.toString())), HttpRuleQuery.Method.POST, Duration.ofSeconds(10), List.of(),
        Duration.ofSeconds(10), new AlertLabeling(externalLabels, List.of(), List.of()),
        new GeneratorUrl("http://ruler.test", GeneratorUrl.DEFAULT_TEMPLATE), manager, 2);
    Ruler ruler = Ruler.start(config, new TsdbSampleSink(tsdb), new TsdbQueryable(tsdb), registry,
        Clock.systemUTC());
    TsdbStore store = TsdbStore.of(tsdb, externalLabels);
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(store)
        .addService(new InfoService(() -> {
          InfoResponse info = store.info("rule");
          return Optional.of(rulesApi ? info.toBuilder().setRules(RulesInfo.getDefaultInstance()).build() : info);
        }));
    if (rulesApi) {
      builder.addService(new RulesService(ruler::groups, externalLabels));
    }
    return new HandWiredRuler(tsdb, ruler, builder.build().start());
  }

  /**
   * Remote-writes {@code up} of job {@code node} into {@code prom}: instance a up (1), instance b down (0), one
   * sample a second from a minute ago for ten minutes.
   */
  static void pushUp(PrometheusServer prom) throws Exception {
    long now = System.currentTimeMillis() / 1000 * 1000;
    long[] ts = new long[600];
    double[] ones = new double[600];
    double[] zeros = new double[600];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = now - 60_000 + i * 1000L;
      ones[i] = 1;
    }
    prom.remoteWrite(List.of(
        PrometheusServer.series(new String[] {"__name__", "up", "job", "node", "instance", "a"}, ts, ones),
        PrometheusServer.series(new String[] {"__name__", "up", "job", "node", "instance", "b"}, ts, zeros)));
  }

  /** The gRPC address, {@code 127.0.0.1:port}. */
  String address() {
    return "127.0.0.1:" + grpc.getPort();
  }

  /** The running rule evaluation. */
  Ruler ruler() {
    return ruler;
  }

  /** Stops serving (the TSDB stays open until {@link #close()}): the endpoint now fails every call. */
  void stopServing() throws InterruptedException {
    grpc.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    grpc.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    ruler.close();
    tsdb.close();
  }
}
