package io.thanosjvm.app.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.thanosjvm.head.HeadAppender;
import io.thanosjvm.head.LocalTsdb;
import io.thanosjvm.model.Label;
import io.thanosjvm.model.Labels;
import io.thanosjvm.store.testkit.StoreApiAcceptanceKit;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The StoreAPI acceptance kit against {@code thanos rule}'s gRPC server: the dataset appended in time order to the
 * app's own TSDB (where recorded samples go) and compacted, so the first window is a block and the rest in the
 * head; external labels from {@code --label}. No rule runs (empty rule file); the query address is never used.
 */
class RuleStoreApiAcceptanceTest extends StoreApiAcceptanceKit {

  @Override
  protected long baseTime() {
    return 1_718_841_600_000L;
  }

  @Override
  protected StoreUnderTest start(Dataset data, Labels externalLabels) throws Exception {
    Path dir = Files.createTempDirectory("rule-store-acceptance");
    Path rules = dir.resolve("rules.yml");
    Files.writeString(rules, "groups: []\n");
    List<String> labels = new ArrayList<>();
    for (Label l : externalLabels) {
      labels.add("--label=" + l.name() + "=\"" + l.value() + "\"");
    }
    ConfigurableApplicationContext app = RuleAppTest.startRuler(dir.resolve("data"), rules,
        URI.create("http://127.0.0.1:1"), labels);
    LocalTsdb tsdb = app.getBean(LocalTsdb.class);
    appendInTimeOrder(tsdb, data);
    tsdb.compact();
    assertThat(tsdb.blocks()).as("part of the data is in a block").isNotEmpty();
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", RuleAppTest.port(app, "local.grpc.port"))
        .usePlaintext().maxInboundMessageSize(64 << 20).build();
    return StoreUnderTest.of(channel, channel::shutdownNow, app::close);
  }

  private static void appendInTimeOrder(LocalTsdb tsdb, Dataset data) {
    record Next(DatasetSeries series, int index) {
      long t() {
        return series.timestamps()[index];
      }
    }
    PriorityQueue<Next> queue = new PriorityQueue<>((a, b) -> Long.compare(a.t(), b.t()));
    for (DatasetSeries s : data.series()) {
      if (s.timestamps().length > 0) {
        queue.add(new Next(s, 0));
      }
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
