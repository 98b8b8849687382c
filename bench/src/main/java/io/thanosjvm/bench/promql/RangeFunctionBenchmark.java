package io.thanosjvm.bench.promql;

import io.thanosjvm.api.ResultJson;
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
 * Range-vector functions over a range query, unaggregated (every input series is an output series), as the
 * query latency harness runs them: a 6h {@code query_range} at a 60 s step over 1,000 series scraped every 30 s,
 * in memory. {@code evaluate} is the engine alone; {@code evaluateAndEncode} adds the Prometheus JSON encoding of
 * the result (what {@code /api/v1/query_range} returns), where float formatting dominates.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar RangeFunction -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class RangeFunctionBenchmark {

  private static final long SCRAPE = 30_000;
  private static final long STEP = 60_000;
  private static final long START = 3_600_000;
  private static final long END = START + 6 * 3_600_000;

  /** The function applied to {@code x[5m]} ({@code quantile_over_time} takes 0.75 first). */
  @Param({"rate", "irate", "increase", "delta", "avg_over_time", "max_over_time", "quantile_over_time"})
  public String function;

  /** Number of counter series. */
  @Param({"1000"})
  public int series;

  private InMemoryQueryable data;
  private Engine engine;
  private Expr expr;

  /** Builds the data once per trial. */
  @Setup(Level.Trial)
  public void setup() {
    data = new InMemoryQueryable();
    for (int s = 0; s < series; s++) {
      Labels l = Labels.of("__name__", "x", "job", "job" + (s % 10), "instance", "host-" + s);
      double v = 0;
      for (long t = START - 3_600_000; t <= END; t += SCRAPE) {
        v += (s % 7) + 0.37 * ((t / SCRAPE) % 5);
        if ((t / SCRAPE) % 997 == s % 997) {
          v = 0; // a counter reset now and then
        }
        data.append(l, t, v);
      }
    }
    engine = new Engine(EngineOptions.defaults());
    String arg = function.equals("quantile_over_time") ? "0.75, x[5m]" : "x[5m]";
    expr = PromqlParser.parse(function + "(" + arg + ")");
  }

  /** The engine alone. */
  @Benchmark
  public QueryResult evaluate() {
    return engine.rangeQuery(data, expr, START, END, STEP, null);
  }

  /** The engine and the JSON encoding of its result. */
  @Benchmark
  public String evaluateAndEncode() {
    return ResultJson.encode(engine.rangeQuery(data, expr, START, END, STEP, null).value());
  }
}
