package io.thanosjvm.queryfrontend.testing;

import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.tsdb.testing.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One real Prometheus 2.42 per test JVM over promtool blocks made by the shared {@code make-prom-blocks}: 40
 * series (6 families incl. special values and a classic histogram) every 60 s for 76 hours from
 * {@link #START} (2023-11-14T22:00:00Z), so queries cross the day boundaries of Nov 15, 16, 17 and 18. Stopped
 * by a shutdown hook.
 */
public final class FrontendPrometheus {

  /** First sample, ms. */
  public static final long START = 1_699_999_200_000L;
  /** Hours of data. */
  public static final int HOURS = 76;
  /** Last sample, ms. */
  public static final long END = START + HOURS * 3_600_000L - 60_000L;

  private static PrometheusServer server;

  private FrontendPrometheus() {}

  /** The shared server, started on first use. */
  public static synchronized PrometheusServer get() throws IOException, InterruptedException {
    if (server == null) {
      Path blocks = Files.createTempDirectory("qfe-blocks").resolve("blocks");
      Files.createDirectories(blocks);
      Promtool.makeBlocks(blocks, "--series", "40", "--hours", Integer.toString(HOURS), "--step", "60",
          "--special", "--max-block-duration", "24h");
      PrometheusServer s = PrometheusServer.start(Map.of(), blocks);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          s.close();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      server = s;
    }
    return server;
  }
}
