package io.thanosjvm.tools.tsdb;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.cli.ParsedArgs;
import io.thanosjvm.tsdb.Block;
import io.thanosjvm.tsdb.TsdbMeta;
import io.thanosjvm.tsdb.index.IndexReader;
import io.thanosjvm.tsdb.index.SeriesEntry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code tsdb analyze <block-or-data-dir> [block-id] [--limit=N]}: block statistics in the spirit of
 * {@code promtool tsdb analyze}: series, chunks, samples, label names and pairs, the highest-cardinality
 * label names and the most common label pairs. For a data directory the newest block is analysed unless
 * an id is given.
 */
public final class AnalyzeCommand {

  private static final String USAGE = """
      usage: tsdb analyze <block-or-data-dir> [block-id] [--limit=N]
        --limit  how many entries to show per list (default 20)
      """;

  /** Runs the command; returns the exit code (0 ok, 1 failure, 2 usage error). */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    ParsedArgs f;
    try {
      f = ParsedArgs.parse(args, Set.of("limit"), Set.of());
    } catch (IllegalArgumentException e) {
      err.println("tsdb analyze: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    if (f.help()) {
      out.print(USAGE);
      return 0;
    }
    if (f.positional().isEmpty() || f.positional().size() > 2) {
      err.println("tsdb analyze: expected a directory and an optional block id");
      err.print(USAGE);
      return 2;
    }
    int limit;
    try {
      limit = (int) Math.max(1, Math.min(10_000, f.getLong("limit", 20)));
    } catch (IllegalArgumentException e) {
      err.println("tsdb analyze: " + e.getMessage());
      return 2;
    }
    try {
      Path dir = resolve(Path.of(f.positional().get(0)), f.positional().size() > 1 ? f.positional().get(1) : null);
      try (Block b = Block.open(dir)) {
        analyze(b, limit, out);
      }
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("tsdb analyze: " + e.getMessage());
      return 1;
    }
  }

  private static Path resolve(Path dir, String id) throws IOException {
    if (id != null) {
      return dir.resolve(id);
    }
    if (Files.exists(dir.resolve(BlockMeta.FILE_NAME))) {
      return dir;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> BlockMeta.isUlid(p.getFileName().toString()) && Files.exists(p.resolve(BlockMeta.FILE_NAME)))
          .max(Comparator.comparing(p -> p.getFileName().toString()))
          .orElseThrow(() -> new IOException("no blocks in " + dir));
    }
  }

  private record Count(long n, String text) {}

  /** Prints the statistics of one block. */
  public static void analyze(Block b, int limit, PrintStream out) {
    TsdbMeta m = b.meta();
    IndexReader ix = b.index();
    out.println("Block ID: " + m.ulid());
    out.println("Duration: " + Duration.ofMillis(m.maxTime() - m.minTime()).toString().substring(2).toLowerCase());
    long series = 0;
    long chunks = 0;
    for (int ref : ix.allPostings()) {
      SeriesEntry e = ix.series(ref & 0xFFFFFFFFL);
      series++;
      chunks += e.chunks().size();
    }
    out.println("Series: " + series);
    List<String> names = ix.labelNames();
    out.println("Label names: " + names.size());
    long pairs = 0;
    long entries = 0;
    PriorityQueue<Count> common = new PriorityQueue<>(Comparator.comparingLong(Count::n));
    List<Count> cardinality = new ArrayList<>();
    for (String name : names) {
      cardinality.add(new Count(ix.labelValueCount(name), name));
      List<long[]> offsets = new ArrayList<>();
      List<String> values = new ArrayList<>();
      ix.forEachEntry(name, null, (v, off) -> {
        values.add(v);
        offsets.add(new long[] {off});
        return true;
      });
      for (int i = 0; i < values.size(); i++) {
        long n = ix.postingsCount(offsets.get(i)[0]);
        pairs++;
        entries += n;
        common.add(new Count(n, name + "=" + values.get(i)));
        if (common.size() > limit) {
          common.poll();
        }
      }
    }
    out.println("Postings (unique label pairs): " + pairs);
    out.println("Postings entries (total label pairs): " + entries);
    out.println("Chunks: " + chunks);
    out.println("Samples (meta.json): " + m.numSamples());
    out.println();
    out.println("Highest cardinality labels:");
    cardinality.sort(Comparator.comparingLong(Count::n).reversed().thenComparing(Count::text));
    for (Count c : cardinality.subList(0, Math.min(limit, cardinality.size()))) {
      out.println(c.n() + " " + c.text());
    }
    out.println();
    out.println("Most common label pairs:");
    List<Count> top = new ArrayList<>(common);
    top.sort(Comparator.comparingLong(Count::n).reversed().thenComparing(Count::text));
    for (Count c : top) {
      out.println(c.n() + " " + c.text());
    }
  }
}
