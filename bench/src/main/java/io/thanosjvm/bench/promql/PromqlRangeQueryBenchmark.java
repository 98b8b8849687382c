package io.thanosjvm.bench.promql;

import io.thanosjvm.model.Labels;
import io.thanosjvm.promql.ast.Expr;
import io.thanosjvm.promql.engine.Engine;
import io.thanosjvm.promql.engine.EngineOptions;
import io.thanosjvm.promql.engine.QueryResult;
import io.thanosjvm.promql.parser.PromqlParser;
import io.thanosjvm.promql.storage.InMemoryQueryable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Dashboard-style range queries: 1h at a 15s step over 10,000 series scraped every 15s (plus the 5m look-back
 * before the range), in memory. Samples/s = samples scanned per query (printed at setup) x ops/s.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar PromqlRangeQuery -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class PromqlRangeQueryBenchmark {

  private static final long STEP = 15_000;
  private static final long START = 3_600_000;
  private static final long END = START + 3_600_000;

  /** Number of series: counters for the rate query, bucket series for the histogram query. */
  @Param({"10000"})
  public int series;

  private InMemoryQueryable counters;
  private InMemoryQueryable histograms;
  private Engine engine;
  private Expr sumRate;
  private Expr histogramQuantile;

  /** Builds the data once. */
  @Setup(Level.Trial)
  public void setup() {
    counters = new InMemoryQueryable();
    histograms = new InMemoryQueryable();
    String[] les = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"};
    long samples = 0;
    for (int s = 0; s < series; s++) {
      Labels c = Labels.of("__name__", "x", "job", "job" + (s % 20), "instance", "i" + s);
      int instance = s / les.length;
      String le = les[s % les.length];
      Labels h = Labels.of("__name__", "h_bucket", "job", "job" + (instance % 20), "instance", "i" + instance,
          "le", le);
      double v = 0;
      double hv = 0;
      for (long t = START - 300_000 - STEP; t <= END; t += STEP) {
        v += (s % 7) + 1;
        hv += (s % les.length) + 1;
        counters.append(c, t, v);
        histograms.append(h, t, hv);
        samples++;
      }
    }
    engine = new Engine(EngineOptions.defaults());
    sumRate = PromqlParser.parse("sum by (job) (rate(x[5m]))");
    histogramQuantile = PromqlParser.parse("histogram_quantile(0.9, sum by (le) (rate(h_bucket[5m])))");
    System.out.printf("%nPromQL benchmark data: %d series, %d samples per query scanned%n", series, samples);
  }

  /** {@code sum by (job) (rate(x[5m]))}. */
  @Benchmark
  public QueryResult sumByJobRate() {
    return engine.rangeQuery(counters, sumRate, START, END, STEP, null);
  }

  /** {@code histogram_quantile(0.9, sum by (le) (rate(h_bucket[5m])))}. */
  @Benchmark
  public QueryResult histogramQuantileOfSumRate() {
    return engine.rangeQuery(histograms, histogramQuantile, START, END, STEP, null);
  }
}
