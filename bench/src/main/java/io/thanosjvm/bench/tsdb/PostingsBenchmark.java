package io.thanosjvm.bench.tsdb;

import io.thanosjvm.tsdb.index.Postings;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Postings set operations on 1M-series-scale lists. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PostingsBenchmark {

  int[] half;
  int[] third;
  int[] sparse;

  /** Builds the lists: 500k and 333k dense lists, a 1k sparse one, over 1M series. */
  @Setup
  public void setup() {
    half = IntStream.range(0, 1_000_000).filter(i -> i % 2 == 0).toArray();
    third = IntStream.range(0, 1_000_000).filter(i -> i % 3 == 0).toArray();
    SplittableRandom r = new SplittableRandom(5);
    sparse = IntStream.range(0, 1_000_000).filter(i -> r.nextInt(1000) == 0).toArray();
  }

  /** Two large lists. */
  @Benchmark
  public int[] intersectDense() {
    return Postings.intersect(half, third);
  }

  /** A small list against a large one (galloping). */
  @Benchmark
  public int[] intersectSparse() {
    return Postings.intersect(sparse, half);
  }

  /** Union of two large lists. */
  @Benchmark
  public int[] mergeDense() {
    return Postings.merge(half, third);
  }

  /** Difference of two large lists. */
  @Benchmark
  public int[] subtractDense() {
    return Postings.subtract(half, third);
  }
}
