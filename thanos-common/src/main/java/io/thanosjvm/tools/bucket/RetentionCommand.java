package io.thanosjvm.tools.bucket;

import io.thanosjvm.cli.FlagNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.Markers;
import io.thanosjvm.block.fetcher.FetchResult;
import io.thanosjvm.block.fetcher.FetcherMetrics;
import io.thanosjvm.block.fetcher.MetaFetcher;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.compact.lifecycle.LifecycleListener;
import io.thanosjvm.compact.lifecycle.RetentionPolicy;
import io.thanosjvm.model.PromDuration;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.cli.ParsedArgs;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bucket retention --retention.resolution-raw=<d> [--retention.resolution-5m=<d>]
 * [--retention.resolution-1h=<d>]}: the compactor's retention applied once by hand: every block past the retention
 * of its resolution gets a deletion mark (zero keeps a resolution forever); {@code bucket cleanup} or the compactor
 * deletes the marked blocks after the delete delay.
 */
public final class RetentionCommand {

  private static final String USAGE = """
      usage: bucket retention (--objstore.config-file=<file> | --objstore.config=<yaml>)
                              [--retention.resolution-raw=0d] [--retention.resolution-5m=0d]
                              [--retention.resolution-1h=0d]
      """;
  private static final String RAW = FlagNames.RETENTION_RAW;
  private static final String FIVE_MINUTES = FlagNames.RETENTION_5M;
  private static final String ONE_HOUR = FlagNames.RETENTION_1H;

  private final Clock clock;

  /** A command judging block ages and stamping marks with {@code clock}. */
  public RetentionCommand(Clock clock) {
    this.clock = clock;
  }

  /** Runs the command; returns the exit code (0 ok, 1 failure, 2 usage error). */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    ParsedArgs f;
    RetentionPolicy policy;
    try {
      f = BucketArgs.parse(args, Set.of(RAW, FIVE_MINUTES, ONE_HOUR), Set.of(), Map.of());
      if (f.help()) {
        out.print(USAGE);
        return 0;
      }
      policy = new RetentionPolicy(duration(f, RAW), duration(f, FIVE_MINUTES), duration(f, ONE_HOUR), clock);
    } catch (IllegalArgumentException e) {
      err.println("bucket retention: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    try (Bucket bucket = BucketArgs.open(f, clock)) {
      FetchResult r = new MetaFetcher(bucket, 32, List.of(), new FetcherMetrics(new SimpleMeterRegistry())).fetch();
      int marked = policy.apply(r.metas().values(), new Markers(bucket, clock), new LifecycleListener() {
        @Override
        public void blockMarked(String blockId, MarkerKind kind, String reason) {
          out.println("marked " + blockId + " for deletion");
        }
      });
      out.println("retention applied: " + marked + " block(s) marked for deletion");
      return r.failed() ? 1 : 0;
    } catch (Exception e) {
      err.println("bucket retention: " + e.getMessage());
      return 1;
    }
  }

  private static Duration duration(ParsedArgs f, String name) {
    String v = f.get(name, "");
    try {
      Duration d = v.isEmpty() ? Duration.ZERO : PromDuration.parse(v);
      if (d.isNegative()) {
        throw new IllegalArgumentException("must not be negative");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + name + ": " + e.getMessage(), e);
    }
  }
}
