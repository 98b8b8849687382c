package io.thanosjvm.bench.dedup;

import io.thanosjvm.dedup.PenaltyDedupIterator;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.promql.storage.ArraySampleIterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Penalty deduplication throughput, reported per deduplicated output sample (about 100 000 per invocation,
 * whatever the replica count): {@code replicas} copies
 * of a 15 s counter series of 100 000 samples, scraped at different phases, each with one gap in a different
 * place; counter adjustment on or off.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PenaltyDedupBenchmark {

  static final int SAMPLES = 100_000;

  /** Number of replicas. */
  @Param({"2", "3"})
  public int replicas;

  /** Whether the counter adjustment is enabled. */
  @Param({"false", "true"})
  public boolean counter;

  long[][] ts;
  double[][] vs;
  int[] len;

  /** Builds the replicas. */
  @Setup
  public void setup() {
    ts = new long[replicas][SAMPLES];
    vs = new double[replicas][SAMPLES];
    len = new int[replicas];
    for (int r = 0; r < replicas; r++) {
      int gapFrom = (r + 1) * SAMPLES / (replicas + 2);
      int n = 0;
      for (int k = 0; k < SAMPLES; k++) {
        if (k < gapFrom || k >= gapFrom + 1000) {
          ts[r][n] = k * 15_000L + r * 3_000L;
          vs[r][n] = k * 7.0 + r;
          n++;
        }
      }
      len[r] = n;
    }
  }

  /** Drains the deduplicated iterator; returns a checksum. */
  @Benchmark
  @OperationsPerInvocation(SAMPLES)
  public double dedup() {
    SampleIterator[] its = new SampleIterator[replicas];
    for (int r = 0; r < replicas; r++) {
      its[r] = new ArraySampleIterator(ts[r], vs[r], 0, len[r]);
    }
    SampleIterator it = PenaltyDedupIterator.of(List.of(its), counter);
    double sum = 0;
    while (it.next()) {
      sum += it.atV() + it.atT();
    }
    return sum;
  }
}
