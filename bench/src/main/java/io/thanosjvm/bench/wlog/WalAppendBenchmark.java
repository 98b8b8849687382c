package io.thanosjvm.bench.wlog;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.tsdb.record.RecordEncoder;
import io.thanosjvm.tsdb.record.SamplesRecord;
import io.thanosjvm.tsdb.wlog.Wal;
import io.thanosjvm.tsdb.wlog.WalOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One operation = one commit: a Samples record of {@code batch} samples (one per series, 15 s apart from the last
 * operation's) encoded and logged; samples/s = ops/s x batch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WalAppendBenchmark {

  /** Whether records are snappy-compressed. */
  @Param({"true", "false"})
  public boolean compress;

  /** Samples per record. */
  @Param({"1000", "100"})
  public int batch;

  private Path dir;
  private Wal wal;
  private final RecordEncoder encoder = new RecordEncoder();
  private SamplesRecord samples;
  private long t = 1_700_000_000_000L;

  /** Opens a WAL in a temporary directory. */
  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("wal-bench");
    wal = Wal.open(dir, WalOptions.defaults().withCompression(compress), new SimpleMeterRegistry());
    samples = new SamplesRecord(batch);
  }

  /** Closes and deletes the WAL. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    wal.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
  }

  /** Encodes and logs one samples record. */
  @Benchmark
  public void logSamples() throws IOException {
    samples.clear();
    t += 15_000;
    for (int s = 0; s < batch; s++) {
      samples.add(s + 1, t, s * 10.0 + (t % 1_000_000) * 0.001);
    }
    wal.log(encoder.samples(samples));
  }
}
