package io.thanosjvm.bench.objstore;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.objstore.instrument.BucketMetrics;
import io.thanosjvm.objstore.instrument.InstrumentedBucket;
import io.thanosjvm.objstore.retry.RetryListener;
import io.thanosjvm.objstore.retry.RetryPolicy;
import io.thanosjvm.objstore.retry.RetryingBucket;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reads a range of a filesystem object through the raw provider and through the full stack the factory
 * builds (retries + Thanos metrics), to show what the wrappers cost per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class BucketStackBenchmark {

  /** Bytes read per call. */
  @Param({"4096", "1048576"})
  public int rangeBytes;

  private Path dir;
  private Bucket raw;
  private Bucket stacked;

  /** Writes a 4 MiB object and builds both stacks. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("bucket-bench");
    raw = new FilesystemBucket(dir.resolve("bucket"));
    byte[] content = new byte[4 << 20];
    new Random(1).nextBytes(content);
    raw.upload("01BENCH/chunks/000001", new ByteArrayInputStream(content), content.length);
    BucketMetrics metrics = new BucketMetrics(new SimpleMeterRegistry(), raw.name(), Clock.systemUTC());
    stacked = new InstrumentedBucket(
        new RetryingBucket(raw, RetryPolicy.ofAttempts(3), RetryListener.NONE, dir.resolve("spool")), metrics);
  }

  /** Removes the temporary directory. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Range read straight from the provider. */
  @Benchmark
  public long rawGetRange() throws IOException {
    return read(raw);
  }

  /** Range read through retries and metrics. */
  @Benchmark
  public long instrumentedRetryingGetRange() throws IOException {
    return read(stacked);
  }

  private long read(Bucket bucket) throws IOException {
    try (InputStream in = bucket.getRange("01BENCH/chunks/000001", 12_345, rangeBytes)) {
      return in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }
}
