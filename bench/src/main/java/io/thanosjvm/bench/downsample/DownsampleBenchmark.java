package io.thanosjvm.bench.downsample;

import io.thanosjvm.compact.downsample.DownsampledChunk;
import io.thanosjvm.compact.downsample.Downsampler;
import io.thanosjvm.tsdb.chunkenc.AggrChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Downsampling one two-day counter series scraped every 15 s (11,520 samples). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DownsampleBenchmark {

  private static final int N = 2 * 24 * 60 * 4;

  long[] ts;
  double[] vs;
  List<AggrChunk> fiveMinute;
  final Downsampler downsampler = new Downsampler();

  /** Builds the raw counter (with occasional resets) and its 5m aggregate chunks. */
  @Setup
  public void setup() {
    SplittableRandom r = new SplittableRandom(9);
    ts = new long[N];
    vs = new double[N];
    double c = 0;
    for (int i = 0; i < N; i++) {
      ts[i] = 1_700_000_000_000L + 15_000L * i + r.nextInt(300);
      c = r.nextInt(5000) == 0 ? 0 : c + r.nextInt(50);
      vs[i] = c;
    }
    fiveMinute = new ArrayList<>();
    for (DownsampledChunk d : downsampler.downsampleSeries(ts, vs, N, Downsampler.RES_5M)) {
      fiveMinute.add(d.aggrChunk());
    }
  }

  /** Raw samples to 5m aggregate chunks. */
  @Benchmark
  public List<DownsampledChunk> rawTo5m() {
    return downsampler.downsampleSeries(ts, vs, N, Downsampler.RES_5M);
  }

  /** 5m aggregate chunks to 1h aggregate chunks. */
  @Benchmark
  public List<DownsampledChunk> fiveMinuteTo1h() {
    return downsampler.downsampleAggr(fiveMinute, ts[0], ts[N - 1], Downsampler.RES_5M, Downsampler.RES_1H);
  }
}
