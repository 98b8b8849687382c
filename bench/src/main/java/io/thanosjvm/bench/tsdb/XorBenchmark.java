package io.thanosjvm.bench.tsdb;

import io.thanosjvm.tsdb.chunkenc.XorChunkWriter;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * XOR chunk decode and encode throughput, reported per sample: 1000 chunks of 120 samples at a 15 s
 * step (a mix of integer counters, float counters and noisy gauges, like scraped data).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class XorBenchmark {

  static final int CHUNKS = 1000;
  static final int SAMPLES = 120;

  byte[][] chunks = new byte[CHUNKS][];
  long[] ts = new long[CHUNKS * SAMPLES];
  double[] vs = new double[CHUNKS * SAMPLES];
  final XorIterator it = new XorIterator();
  final long[] outT = new long[SAMPLES];
  final double[] outV = new double[SAMPLES];
  final XorChunkWriter w = new XorChunkWriter();

  /** Builds the chunks. */
  @Setup
  public void setup() {
    SplittableRandom r = new SplittableRandom(1);
    for (int c = 0; c < CHUNKS; c++) {
      double v = r.nextInt(1000);
      XorChunkWriter cw = new XorChunkWriter();
      for (int i = 0; i < SAMPLES; i++) {
        int k = c * SAMPLES + i;
        ts[k] = 1_700_000_000_000L + i * 15_000L + (r.nextInt(20) == 0 ? r.nextInt(-50, 50) : 0);
        v = switch (c % 3) {
          case 0 -> v + r.nextInt(20);
          case 1 -> v + Math.round(r.nextDouble() * 7500) / 1000.0;
          default -> Math.round((20 + Math.sin(i / 10.0) * 5 + r.nextDouble()) * 1000) / 1000.0;
        };
        vs[k] = v;
        cw.append(ts[k], v);
      }
      chunks[c] = cw.bytes();
    }
  }

  /** Decodes every sample of every chunk. */
  @Benchmark
  @OperationsPerInvocation(CHUNKS * SAMPLES)
  public double decode() {
    double sum = 0;
    long tsum = 0;
    for (byte[] c : chunks) {
      it.reset(c, 0, c.length);
      while (it.next()) {
        tsum += it.atT();
        sum += it.atV();
      }
    }
    return sum + tsum;
  }

  /** Decodes every chunk with the bulk path ({@code decodeAll} into primitive arrays, as the query path does). */
  @Benchmark
  @OperationsPerInvocation(CHUNKS * SAMPLES)
  public double decodeBulk() {
    double sum = 0;
    long tsum = 0;
    for (byte[] c : chunks) {
      it.reset(c, 0, c.length);
      int n = it.decodeAll(outT, outV, 0);
      tsum += outT[n - 1];
      sum += outV[n - 1];
    }
    return sum + tsum;
  }

  /** Encodes every sample into chunks. */
  @Benchmark
  @OperationsPerInvocation(CHUNKS * SAMPLES)
  public int encode() {
    int bytes = 0;
    for (int c = 0; c < CHUNKS; c++) {
      w.reset();
      int base = c * SAMPLES;
      for (int i = 0; i < SAMPLES; i++) {
        w.append(ts[base + i], vs[base + i]);
      }
      bytes += w.byteLength();
    }
    return bytes;
  }
}
