package io.thanosjvm.bench.promql;

import io.thanosjvm.promql.ast.GoFloat;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Formatting sample values as Prometheus' JSON does ({@code strconv.FormatFloat(v, 'f', -1, 64)}), per value:
 * {@link GoFloat#formatF} (Ryu) against the exact {@link BigDecimal} search it replaced (kept here as the
 * baseline), over rate-like values with 15-17 significant digits.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar FloatFormat}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FloatFormatBenchmark {

  private static final int VALUES = 1024;
  private final double[] values = new double[VALUES];

  /** Rate-like values: an increase over a window divided by its length. */
  @Setup
  public void setup() {
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < VALUES; i++) {
      values[i] = (r.nextInt(1, 100_000) + r.nextDouble()) / (r.nextInt(1, 3600) * 1.1);
    }
  }

  /** The shortest round-trip digits with Ryu. */
  @Benchmark
  @OperationsPerInvocation(VALUES)
  public void goFloatFormatF(Blackhole bh) {
    for (double v : values) {
      bh.consume(GoFloat.formatF(v));
    }
  }

  /** The previous implementation: round the exact value to 1, 2, ... 17 digits until it parses back. */
  @Benchmark
  @OperationsPerInvocation(VALUES)
  public void exactBigDecimalSearch(Blackhole bh) {
    for (double v : values) {
      BigDecimal exact = new BigDecimal(v);
      BigDecimal d = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
      for (int p = 1; p < 17; p++) {
        BigDecimal rounded = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
        if (rounded.doubleValue() == v) {
          d = rounded;
          break;
        }
      }
      bh.consume(d.stripTrailingZeros().toPlainString());
    }
  }
}
