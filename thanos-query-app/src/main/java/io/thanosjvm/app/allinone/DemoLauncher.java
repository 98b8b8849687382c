package io.thanosjvm.app.allinone;

import io.thanosjvm.autoconfigure.ThanosReceiveProperties;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.demo.DemoBucket;
import io.thanosjvm.demo.DemoGenerator;
import io.thanosjvm.head.LocalTsdb;
import io.thanosjvm.query.endpoint.EndpointSet;
import io.thanosjvm.receive.Receiver;
import io.thanosjvm.receive.TenantTsdb;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * {@code thanos demo}: the all-in-one over a local bucket under {@code --data-dir} whose data reaches the present.
 * The first run generates {@link DemoBucket#DAYS} days of history as blocks; every run then starts the all-in-one
 * (receive, store gateway, compactor, querier; deduplicating the two generated replicas) and a
 * {@link DemoGenerator} that first fills the gap since the newest stored sample (history, shipped blocks or the
 * receive head's WAL) and then writes the current samples through receive's head every few seconds, so an instant
 * query at now answers on every start. Prints where to look.
 */
public final class DemoLauncher {

  /** The component name on the command line. */
  public static final String COMPONENT = "demo";

  private static final Logger LOG = LoggerFactory.getLogger(DemoLauncher.class);

  /** How often the generator checks whether a step is due. */
  static final long TICK_MS = 5_000;

  private DemoLauncher() {}

  /** {@code thanos demo [flags]}: help exits 0, a bad flag 2, a failed start 1. */
  public static void main(String[] args) {
    int[] exit = {0};
    String[] springArgs = ThanosCommandLine.prepare(COMPONENT, args, System.out, System.err, exit);
    if (springArgs == null) {
      System.exit(exit[0]);
      return;
    }
    try {
      start(springArgs, System.out, Clock.systemUTC());
    } catch (IOException e) {
      System.err.println("thanos demo: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Starts the demo with translated arguments on {@code clock}; closing the returned context stops everything. */
  static ConfigurableApplicationContext start(String[] springArgs, PrintStream log, Clock clock) throws IOException {
    Path dataDir = Path.of(argument(springArgs, "--thanos.demo.data-dir=", "./data/demo"));
    ThanosReceiveProperties receiveDefaults = new ThanosReceiveProperties();
    String tenant = receiveDefaults.getDefaultTenantId();
    Path bucketDir = DemoBucket.prepare(dataDir, Map.of(receiveDefaults.getTenantLabelName(), tenant), clock, log);
    String objstore = "{type: FILESYSTEM, config: {directory: '" + bucketDir.toAbsolutePath() + "'}}";
    List<String> args = new ArrayList<>();
    for (String part : List.of("receive", "store", "compact")) {
      args.add("--thanos." + part + ".objstore.config=" + objstore);
    }
    args.add("--thanos.store.data-dir=" + dataDir);
    args.add("--thanos.compact.data-dir=" + dataDir);
    args.add("--thanos.receive.tsdb-path=" + dataDir.resolve("receive"));
    // the generator writes through the head directly; remote write listens on a free loopback port
    args.add("--thanos.receive.remote-write-address=127.0.0.1:0");
    // blocks shipped by receive are served by the store gateway within a minute
    args.add("--thanos.store.sync-interval=1m");
    args.add("--thanos.query.replica-labels[0]=replica");
    for (String a : springArgs) {
      if (!a.startsWith("--thanos.demo.")) {
        args.add(a); // later arguments win: the user's (or a test's) settings
      }
    }
    ConfigurableApplicationContext app = ThanosAllInOneApplication.run(clock, args.toArray(new String[0]));
    try {
      Receiver receiver = app.getBean(Receiver.class);
      long[] span = DemoBucket.span(bucketDir).orElseThrow(() -> new IOException("no demo blocks in " + bucketDir));
      long last = Math.max(span[1] - 1, newestInReceive(receiver, tenant));
      DemoGenerator generator = new DemoGenerator(receiver.tsdbs(), tenant, clock, span[0], last);
      if (clock.millis() - last > 2 * DemoBucket.STEP_MS) {
        log.println("demo: filling the gap since " + Instant.ofEpochMilli(last) + " through receive's head ...");
      }
      long written = generator.catchUp();
      log.println("demo: wrote " + written + " samples up to " + Instant.ofEpochMilli(generator.last())
          + "; a new sample per series every " + DemoBucket.STEP_MS / 1000 + "s");
      // the querier polls its stores' Info every 5 s; ask now, so the receive tenant just filled is queried at once
      app.getBean(EndpointSet.class).refresh();
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-generator");
        t.setDaemon(true);
        return t;
      });
      ticker.scheduleWithFixedDelay(() -> {
        try {
          generator.catchUp();
        } catch (RuntimeException e) {
          LOG.warn("demo generator failed; retrying: err={}", e.toString());
        }
      }, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
      app.addApplicationListener((ContextClosedEvent e) -> ticker.shutdownNow());
    } catch (IOException | RuntimeException e) {
      app.close();
      throw e;
    }
    String port = app.getEnvironment().getProperty("local.server.port");
    String expr = URLEncoder.encode("sum by (job) (rate(gen_http_requests_total[5m]))", StandardCharsets.UTF_8);
    log.println();
    log.println("Thanos demo is ready: open http://localhost:" + port + "/graph?g0.expr=" + expr
        + "&g0.tab=0&g0.range_input=1d");
    log.println("  API: http://localhost:" + port + "/api/v1/query?query=up   blocks: http://localhost:" + port
        + "/blocks   (Ctrl-C stops it)");
    return app;
  }

  /** The newest sample time of the tenant in receive (head, or its local blocks), or Long.MIN_VALUE. */
  private static long newestInReceive(Receiver receiver, String tenant) {
    TenantTsdb t = receiver.tsdbs().tenants().get(tenant);
    if (t == null) {
      return Long.MIN_VALUE;
    }
    LocalTsdb tsdb = t.tsdb();
    long newest = tsdb.head().numSeries() > 0 ? tsdb.head().maxTime() : Long.MIN_VALUE;
    for (var b : tsdb.blocks()) {
      newest = Math.max(newest, b.maxTime() - 1);
    }
    return newest;
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
