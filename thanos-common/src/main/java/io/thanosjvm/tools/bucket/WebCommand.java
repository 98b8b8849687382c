package io.thanosjvm.tools.bucket;

import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.cli.ParsedArgs;
import io.thanosjvm.model.PromDuration;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.tools.logfmt.ToolLog;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bucket web [--http-address=0.0.0.0:10902] [--refresh=30m] [--timeout=5m] [--label=<text>]}: serves the
 * bucket's block timeline ({@code /blocks}, {@code /api/v1/blocks}) standalone with {@link BucketWebServer}, as
 * Thanos' {@code tools bucket web}, until the process is stopped. {@code --disable-admin-operations} is accepted
 * (there are no admin operations here).
 */
public final class WebCommand {

  private static final String USAGE = """
      usage: bucket web (--objstore.config-file=<file> | --objstore.config=<yaml>) [--http-address=0.0.0.0:10902]
                        [--refresh=30m] [--timeout=5m] [--label=<bucket web label>]
        --refresh           how often the block listing is refreshed
        --timeout           longest a listing may take (accepted; listings are bounded by the bucket client)
        --label             label shown on the page (e.g. the bucket's name)
      """;
  private static final String REFRESH = "refresh";
  private static final String TIMEOUT = "timeout";
  private static final String ADMIN = "disable-admin-operations";

  private final Clock clock;
  private final CountDownLatch stop;

  /** A command serving until {@code stop} counts down (never, for the command line). */
  public WebCommand(Clock clock, CountDownLatch stop) {
    this.clock = clock;
    this.stop = stop;
  }

  /** Runs the command; returns the exit code (0 stopped, 1 failure, 2 usage error). */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    ParsedArgs f;
    Duration refresh;
    InetSocketAddress address;
    try {
      f = BucketArgs.parse(args, Set.of(FlagNames.HTTP_ADDRESS, REFRESH, TIMEOUT, FlagNames.LABEL), Set.of(ADMIN),
          Map.of());
      if (f.help()) {
        out.print(USAGE);
        return 0;
      }
      refresh = PromDuration.parse(f.get(REFRESH, "30m"));
      if (refresh.isZero() || refresh.isNegative()) {
        throw new IllegalArgumentException("--" + REFRESH + " must be positive");
      }
      PromDuration.parse(f.get(TIMEOUT, "5m"));
      String addr = f.get(FlagNames.HTTP_ADDRESS, "0.0.0.0:10902");
      int colon = addr.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("invalid --" + FlagNames.HTTP_ADDRESS + " " + addr + " (host:port)");
      }
      String host = addr.substring(0, colon);
      address = new InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host, Integer.parseInt(addr.substring(colon + 1)));
    } catch (RuntimeException e) {
      err.println("bucket web: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    ToolLog log = new ToolLog(out, clock);
    try (Bucket bucket = BucketArgs.open(f, clock);
        BucketWebServer server = new BucketWebServer(bucket, f.get(FlagNames.LABEL, ""), clock, log)) {
      InetSocketAddress bound = server.start(address, refresh);
      log.info("listening for requests", "address", bound.getHostString() + ":" + bound.getPort());
      stop.await();
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (Exception e) {
      log.error("running command failed", "err", e.getMessage());
      return 1;
    }
  }
}
