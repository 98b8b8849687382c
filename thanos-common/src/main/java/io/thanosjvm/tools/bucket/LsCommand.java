package io.thanosjvm.tools.bucket;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.Markers;
import io.thanosjvm.block.fetcher.DeletionMarkFilter;
import io.thanosjvm.block.fetcher.FetchResult;
import io.thanosjvm.block.fetcher.FetcherMetrics;
import io.thanosjvm.block.fetcher.MetaFetcher;
import io.thanosjvm.block.fetcher.MetaFilter;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.model.GoDuration;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.cli.ParsedArgs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bucket ls [-o json|wide] [--exclude-delete]}: one line per block in ULID order; {@code wide} adds
 * the time range, compaction level, resolution and source; {@code json} prints each meta.json.
 */
public final class LsCommand {

  private static final String USAGE = """
      usage: bucket ls (--objstore.config-file=<file> | --objstore.config=<yaml>) [-o json|wide] [--exclude-delete]
        -o, --output        output format: "" (ULIDs), json or wide
        --exclude-delete    hide blocks marked for deletion
      """;
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final Clock clock;

  /** A command using {@code clock} for the bucket's metrics and marker ages. */
  public LsCommand(Clock clock) {
    this.clock = clock;
  }

  /** Runs the command; returns the exit code (0 ok, 1 failure, 2 usage error). */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    ParsedArgs f;
    String output;
    try {
      f = BucketArgs.parse(args, Set.of("output"), Set.of("exclude-delete"), Map.of("-o", "output"));
      if (f.help()) {
        out.print(USAGE);
        return 0;
      }
      output = f.get("output", "");
      if (!Set.of("", "json", "wide").contains(output)) {
        throw new IllegalArgumentException("unsupported output format " + output + " (\"\", json or wide)");
      }
    } catch (IllegalArgumentException e) {
      err.println("bucket ls: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    try (Bucket bucket = BucketArgs.open(f, clock)) {
      List<MetaFilter> filters = f.bool("exclude-delete", false)
          ? List.of(new DeletionMarkFilter(new Markers(bucket, clock), Duration.ZERO, clock)) : List.of();
      FetchResult r = new MetaFetcher(bucket, 32, filters, new FetcherMetrics(new SimpleMeterRegistry())).fetch();
      for (BlockMeta m : r.metas().values()) {
        out.print(format(m, output));
      }
      out.flush();
      return r.failed() ? 1 : 0;
    } catch (Exception e) {
      err.println("bucket ls: " + e.getMessage());
      return 1;
    }
  }

  static String format(BlockMeta m, String output) {
    return switch (output) {
      case "json" -> m.toJson() + "\n";
      case "wide" -> {
        long min = Math.floorDiv(m.minTime(), 1000) * 1000;
        long max = Math.floorDiv(m.maxTime(), 1000) * 1000;
        yield m.ulid() + " -- " + RFC3339.format(Instant.ofEpochMilli(min)) + " - "
            + RFC3339.format(Instant.ofEpochMilli(max)) + " Diff: " + GoDuration.format(max - min)
            + ", Compaction: " + m.compactionLevel()
            + ", Downsample: " + m.thanos().map(t -> t.resolution()).orElse(0L)
            + ", Source: " + m.thanos().map(t -> t.source()).orElse("") + "\n";
      }
      default -> m.ulid() + "\n";
    };
  }
}
