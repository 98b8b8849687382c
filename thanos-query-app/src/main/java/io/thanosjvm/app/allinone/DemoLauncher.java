package io.thanosjvm.app.query;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.demo.DemoBucket;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.store.bucket.StoreGateway;
import io.thanosjvm.store.bucket.StoreLimits;
import io.thanosjvm.store.cache.IndexCaches;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code thanos demo}: prepares a local bucket of generated blocks (first run only), serves it with a store gateway
 * on a loopback gRPC port, and starts the querier over it (deduplicating the two generated replicas) in the same
 * JVM; prints where to look.
 */
final class QueryDemo {

  /** The component name on the command line. */
  static final String COMPONENT = "demo";

  private QueryDemo() {}

  static void main(String[] args) {
    int[] exit = {0};
    String[] springArgs = ThanosCommandLine.prepare(COMPONENT, args, System.out, System.err, exit);
    if (springArgs == null) {
      System.exit(exit[0]);
      return;
    }
    try {
      start(springArgs, System.out);
    } catch (IOException e) {
      System.err.println("thanos demo: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Starts the demo with translated arguments; the returned context owns the store (closing it stops both). */
  static ConfigurableApplicationContext start(String[] springArgs, PrintStream log) throws IOException {
    Path dataDir = Path.of(argument(springArgs, "--thanos.demo.data-dir=", "./data/demo"));
    Clock clock = Clock.systemUTC();
    Path bucketDir = DemoBucket.prepare(dataDir, clock, log);
    SimpleMeterRegistry storeMeters = new SimpleMeterRegistry(); // the demo's store is internal: not exported
    FilesystemBucket bucket = new FilesystemBucket(bucketDir);
    StoreGateway store = StoreGateway.create(bucket, IndexCaches.create(null, 64L << 20, storeMeters),
        new StoreGateway.Settings(dataDir.resolve("store"), Duration.ofMinutes(5), 4, 8, StoreLimits.NONE, 20,
            Long.MIN_VALUE, Long.MAX_VALUE, List.of(), Duration.ZERO, Duration.ofHours(24)),
        storeMeters, clock);
    store.sync();
    store.start();
    Server grpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(store.store()).addService(store.info()).build().start();
    log.println("demo: store gateway serving " + store.registry().size() + " blocks on 127.0.0.1:" + grpc.getPort());
    List<String> query = new ArrayList<>();
    for (String a : springArgs) {
      if (!a.startsWith("--thanos.demo.")) {
        query.add(a);
      }
    }
    query.add("--thanos.query.endpoints[0]=127.0.0.1:" + grpc.getPort());
    query.add("--thanos.query.replica-labels[0]=replica");
    ConfigurableApplicationContext app = ThanosQueryApplication.run(query.toArray(new String[0]));
    app.addApplicationListener((org.springframework.context.event.ContextClosedEvent e) -> {
      grpc.shutdownNow();
      try {
        store.close();
        bucket.close();
      } catch (IOException ex) {
        System.err.println("thanos demo: closing the store: " + ex.getMessage());
      }
    });
    String port = app.getEnvironment().getProperty("local.server.port");
    String expr = URLEncoder.encode("sum by (job) (rate(gen_http_requests_total[5m]))", StandardCharsets.UTF_8);
    log.println();
    log.println("Thanos demo is ready: open http://localhost:" + port + "/graph?g0.expr=" + expr
        + "&g0.tab=0&g0.range_input=1d");
    log.println("  API: http://localhost:" + port + "/api/v1/query?query=up   (Ctrl-C stops it)");
    return app;
  }

  private static String argument(String[] springArgs, String prefix, String fallback) {
    for (String a : springArgs) {
      if (a.startsWith(prefix)) {
        return a.substring(prefix.length());
      }
    }
    return fallback;
  }
}
