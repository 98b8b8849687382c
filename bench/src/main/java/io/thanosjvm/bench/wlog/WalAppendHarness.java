package io.thanosjvm.bench.wlog;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.model.Labels;
import io.thanosjvm.tsdb.record.RecordDispatcher;
import io.thanosjvm.tsdb.record.RecordEncoder;
import io.thanosjvm.tsdb.record.RecordHandler;
import io.thanosjvm.tsdb.record.SamplesRecord;
import io.thanosjvm.tsdb.record.SeriesRecord;
import io.thanosjvm.tsdb.record.TombstonesRecord;
import io.thanosjvm.tsdb.wlog.Wal;
import io.thanosjvm.tsdb.wlog.WalOptions;
import io.thanosjvm.tsdb.wlog.WalReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * WAL append throughput for 1,000 series: {@code rounds} scrapes of one sample per series, logged as one Samples
 * record per batch of {@code batch} series (batch 1000 = one commit per scrape), compression on and off; then the
 * replay (read + decode) rate of the same WAL. Prints samples/s and bytes per sample.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.thanosjvm.bench.wlog.WalAppendHarness 20000 1000 /tmp/wal-bench</pre>
 */
public final class WalAppendHarness {

  private WalAppendHarness() {}

  /** Args: rounds (default 20000), batch (default 1000), work dir (default a temp dir). */
  public static void main(String[] args) throws IOException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("wal-harness");
    int series = 1000;
    for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT
      for (boolean compress : new boolean[] {true, false}) {
        Path dir = work.resolve("wal-" + compress + "-" + pass);
        delete(dir);
        long samples = (long) rounds * series;
        long t0 = System.nanoTime();
        write(dir, compress, series, rounds, batch);
        long t1 = System.nanoTime();
        long bytes = size(dir);
        long read = replay(dir);
        long t2 = System.nanoTime();
        if (read != samples) {
          throw new IllegalStateException("replayed " + read + " samples, wrote " + samples);
        }
        if (pass == 1) {
          System.out.printf("compression=%-5s batch=%d  append %,.0f samples/s  replay %,.0f samples/s  "
              + "%.2f bytes/sample  (%,d samples, %,d bytes)%n", compress, batch, samples / ((t1 - t0) / 1e9),
              samples / ((t2 - t1) / 1e9), (double) bytes / samples, samples, bytes);
        }
        delete(dir);
      }
    }
  }

  private static void write(Path dir, boolean compress, int series, int rounds, int batch) throws IOException {
    RecordEncoder enc = new RecordEncoder();
    try (Wal wal = Wal.open(dir, WalOptions.defaults().withCompression(compress), new SimpleMeterRegistry())) {
      SeriesRecord sr = new SeriesRecord();
      for (int s = 0; s < series; s++) {
        sr.add(s + 1, Labels.of("__name__", "bench_metric_" + (s % 10), "instance", "host-" + s / 10 + ":9100",
            "job", "node"));
      }
      wal.log(enc.series(sr));
      SamplesRecord samples = new SamplesRecord(batch);
      long t = 1_700_000_000_000L;
      for (int r = 0; r < rounds; r++) {
        t += 15_000;
        for (int from = 0; from < series; from += batch) {
          samples.clear();
          for (int s = from; s < Math.min(series, from + batch); s++) {
            samples.add(s + 1, t, (s % 2 == 0) ? r * 3.0 : Math.sin(r + s) * 100);
          }
          wal.log(enc.samples(samples));
        }
      }
    }
  }

  private static long replay(Path dir) throws IOException {
    long[] n = {0};
    RecordDispatcher d = new RecordDispatcher(new RecordHandler() {
      @Override
      public void series(SeriesRecord s) {}

      @Override
      public void samples(SamplesRecord s) {
        n[0] += s.size();
      }

      @Override
      public void tombstones(TombstonesRecord t) {}
    });
    try (WalReader r = WalReader.replay(dir)) {
      while (r.next()) {
        d.dispatch(r.record(), r.recordLength());
      }
    }
    return n[0];
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
  }
}
