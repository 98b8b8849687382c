package io.thanosjvm.bench.tsdb;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.tools.blocks.GenerateCommand;
import io.thanosjvm.tsdb.Block;
import io.thanosjvm.tsdb.MatcherPostings;
import io.thanosjvm.tsdb.index.SeriesEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Index lookups on a generated 130k-series block: series by ref, postings by label pair, matchers. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SeriesLookupBenchmark {

  Path dir;
  Block block;
  int[] refs;
  int next;
  List<Matcher> matchers;

  /** Generates the block. */
  @Setup
  public void setup() throws IOException {
    dir = Files.createTempDirectory("bench-series");
    List<BlockMeta> metas = new GenerateCommand(Clock.systemUTC()).generate(new GenerateCommand.Options(dir, 130_000,
        1_699_999_200_000L, 7_200_000, 600_000, 7_200_000, 1, new TreeMap<>()));
    block = Block.open(dir.resolve(metas.get(0).ulid()));
    refs = block.index().allPostings();
    matchers = List.of(Matcher.equal("__name__", "gen_request_duration_seconds_bucket"), Matcher.equal("job", "job-3"),
        Matcher.regex("le", "0.5|1|\\+Inf"));
  }

  /** Decodes one series (labels and chunk metas) by reference. */
  @Benchmark
  public SeriesEntry seriesByRef() {
    next = (next + 7919) % refs.length;
    return block.index().series(refs[next]);
  }

  /** Looks up one postings list by label pair through the sampled offset table. */
  @Benchmark
  public int[] postingsForPair() {
    next = (next + 7919) % 10_000;
    return block.index().postings("instance", String.format("host-%07d", next));
  }

  /** Resolves three matchers (equal, equal, regex alternation) to postings. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int[] selectByMatchers() {
    return MatcherPostings.select(block.index(), matchers);
  }

  /** Deletes the block. */
  @TearDown
  public void tearDown() throws IOException {
    block.close();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
