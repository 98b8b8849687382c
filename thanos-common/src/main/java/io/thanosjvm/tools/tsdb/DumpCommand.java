package io.thanosjvm.tools.tsdb;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.cli.ParsedArgs;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.model.TimeRange;
import io.thanosjvm.promql.ast.GoFloat;
import io.thanosjvm.tsdb.BlockQuerier;
import io.thanosjvm.tsdb.BlockSeries;
import io.thanosjvm.tsdb.chunkenc.AggrType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code tsdb dump <dir> [--match=<selector>] [--min-time=<ms>] [--max-time=<ms>]}: prints one line per
 * sample, {@code {labels} value timestamp}, exactly as {@code promtool tsdb dump} does. {@code dir} is a
 * block directory or a data directory of blocks (series are then merged across blocks, like promtool).
 * Downsampled (Thanos 0xFF) blocks, which promtool cannot read, are dumped per aggregate: every aggregate with
 * a synthetic {@code __aggr__} label ({@code count}, {@code sum}, {@code min}, {@code max}, {@code counter}), or
 * only the one named by {@code --aggregate}, then in plain promtool format.
 */
public final class DumpCommand {

  private static final String USAGE = """
      usage: tsdb dump <block-or-data-dir> [--match=<selector>] [--min-time=<ms>] [--max-time=<ms>]
                       [--aggregate=count|sum|min|max|counter]
        --match      series selector, e.g. {__name__=~"foo.*",job="x"} (default: all series)
        --min-time   minimum timestamp to dump (ms, inclusive)
        --max-time   maximum timestamp to dump (ms, inclusive)
        --aggregate  downsampled blocks: dump only this aggregate (default: all, labelled __aggr__)
      """;

  /** Runs the command; returns the exit code (0 ok, 1 failure, 2 usage error). */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    ParsedArgs f;
    try {
      f = ParsedArgs.parse(args, Set.of("match", FlagNames.MIN_TIME, FlagNames.MAX_TIME, "aggregate"), Set.of());
    } catch (IllegalArgumentException e) {
      err.println("tsdb dump: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    if (f.help()) {
      out.print(USAGE);
      return 0;
    }
    if (f.positional().size() != 1) {
      err.println("tsdb dump: expected exactly one directory argument");
      err.print(USAGE);
      return 2;
    }
    List<Matcher> matchers;
    long mint;
    long maxt;
    AggrType aggregate = null;
    try {
      if (f.has("aggregate")) {
        aggregate = aggregate(f.get("aggregate", ""));
      }
      matchers = f.has("match") ? SelectorParser.parse(f.get("match", "")) : List.of();
      mint = f.getLong(FlagNames.MIN_TIME, Long.MIN_VALUE);
      maxt = f.getLong(FlagNames.MAX_TIME, Long.MAX_VALUE);
    } catch (IllegalArgumentException e) {
      err.println("tsdb dump: " + e.getMessage());
      return 2;
    }
    Path dir = Path.of(f.positional().get(0));
    if (!Files.isDirectory(dir)) {
      err.println("tsdb dump: not a directory: " + dir);
      return 1;
    }
    try (BlockQuerier q = BlockQuerier.open(dir)) {
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
      if (mint <= maxt) {
        boolean downsampled = q.blocks().stream()
            .anyMatch(b -> BlockMeta.of(b.meta()).thanos().map(t -> t.resolution() > 0).orElse(false));
        if (downsampled) {
          dumpAggregates(q, new TimeRange(mint, maxt), matchers, aggregate, w);
        } else {
          dump(q, new TimeRange(mint, maxt), matchers, w);
        }
      }
      w.flush();
      return 0;
    } catch (IOException | UncheckedIOException e) {
      err.println("tsdb dump: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println("tsdb dump: " + e.getMessage());
      return 1;
    }
  }

  private static AggrType aggregate(String name) {
    for (AggrType t : AggrType.values()) {
      if (t.name().equalsIgnoreCase(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown aggregate \"" + name + "\" (count, sum, min, max, counter)");
  }

  /**
   * Writes the dump lines of downsampled series: the given aggregate in promtool's format, or (when null) every
   * aggregate, each line's labels extended by {@code __aggr__}.
   */
  public static void dumpAggregates(BlockQuerier q, TimeRange range, List<Matcher> matchers, AggrType only,
      Writer w) throws IOException {
    Iterator<BlockSeries> it = q.select(range, matchers);
    StringBuilder line = new StringBuilder(256);
    while (it.hasNext()) {
      BlockSeries s = it.next();
      for (AggrType t : only != null ? List.of(only) : List.of(AggrType.values())) {
        String labels = (only != null ? s.labels()
            : s.labels().toBuilder().set("__aggr__", t.name().toLowerCase(Locale.ROOT)).build()).toString();
        SampleIterator si = s.iterator(t);
        while (si.next()) {
          line.setLength(0);
          line.append(labels).append(' ').append(GoFloat.formatG(si.atV())).append(' ').append(si.atT())
              .append('\n');
          w.append(line);
        }
      }
    }
  }

  /** Writes the dump lines of the selected series to {@code w}. */
  public static void dump(BlockQuerier q, TimeRange range, List<Matcher> matchers, Writer w) throws IOException {
    Iterator<BlockSeries> it = q.select(range, matchers);
    StringBuilder line = new StringBuilder(256);
    while (it.hasNext()) {
      BlockSeries s = it.next();
      String labels = s.labels().toString();
      SampleIterator si = s.iterator();
      while (si.next()) {
        line.setLength(0);
        line.append(labels).append(' ').append(GoFloat.formatG(si.atV())).append(' ').append(si.atT()).append('\n');
        w.append(line);
      }
    }
  }
}
