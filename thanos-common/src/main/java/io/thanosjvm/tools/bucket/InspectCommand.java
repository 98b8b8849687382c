package io.thanosjvm.tools.bucket;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.fetcher.FetchResult;
import io.thanosjvm.block.fetcher.FetcherMetrics;
import io.thanosjvm.block.fetcher.MetaFetcher;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.cli.ParsedArgs;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bucket inspect [--output=table|csv|tsv]}: one row per block (ULID, FROM, UNTIL, RANGE, UNTIL-DOWN,
 * #SERIES, #SAMPLES, #CHUNKS, COMP-LEVEL, COMP-FAILED, LABELS, RESOLUTION, SOURCE), sorted by FROM then
 * UNTIL. Times are RFC3339 in UTC.
 */
public final class InspectCommand {

  private static final String USAGE = """
      usage: bucket inspect (--objstore.config-file=<file> | --objstore.config=<yaml>) [--output=table|csv|tsv]
      """;

  private final Clock clock;

  /** A command using {@code clock} for the bucket's metrics. */
  public InspectCommand(Clock clock) {
    this.clock = clock;
  }

  /** Runs the command; returns the exit code (0 ok, 1 failure, 2 usage error). */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    ParsedArgs f;
    String output;
    try {
      f = BucketArgs.parse(args, Set.of("output"), Set.of(), Map.of());
      if (f.help()) {
        out.print(USAGE);
        return 0;
      }
      output = f.get("output", "table");
      if (!Set.of("table", "csv", "tsv").contains(output)) {
        throw new IllegalArgumentException("unsupported output " + output + " (table, csv or tsv)");
      }
    } catch (IllegalArgumentException e) {
      err.println("bucket inspect: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    try (Bucket bucket = BucketArgs.open(f, clock)) {
      FetchResult r = new MetaFetcher(bucket, 32, List.of(), new FetcherMetrics(new SimpleMeterRegistry())).fetch();
      List<BlockMeta> metas = new ArrayList<>(r.metas().values());
      metas.sort(Comparator.comparingLong(BlockMeta::minTime).thenComparingLong(BlockMeta::maxTime)
          .thenComparing(BlockMeta::ulid));
      List<List<String>> rows = metas.stream().map(InspectTable::row).toList();
      out.print(switch (output) {
        case "csv" -> InspectTable.separated(rows, ',');
        case "tsv" -> InspectTable.separated(rows, '\t');
        default -> InspectTable.table(rows);
      });
      out.flush();
      return r.failed() ? 1 : 0;
    } catch (Exception e) {
      err.println("bucket inspect: " + e.getMessage());
      return 1;
    }
  }
}
