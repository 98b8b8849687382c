package io.thanosjvm.bench.head;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.model.Labels;
import io.thanosjvm.head.HeadAppender;
import io.thanosjvm.head.LocalTsdb;
import io.thanosjvm.head.TsdbOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingests N series x S samples (a 15 s scrape interval, one commit per scrape batch of 1,000 series, as a
 * remote-write request would) through {@link LocalTsdb} with the WAL on, from T threads; prints samples/s, samples/s
 * per core of process CPU, and heap bytes per active series after a full GC.
 *
 * <pre>{@code
 * java -Xmx2g -cp bench/target/benchmarks.jar io.thanosjvm.bench.head.HeadIngestHarness 100000 120 2 /tmp/hih
 * }</pre>
 */
public final class HeadIngestHarness {

  private HeadIngestHarness() {}

  /** Runs the harness: {@code <series> <samples per series> <threads> <dir> [wal=true]}. */
  public static void main(String[] args) throws Exception {
    int series = Integer.parseInt(args[0]);
    int samples = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    Path dir = Path.of(args[3]);
    boolean wal = args.length < 5 || Boolean.parseBoolean(args[4]);
    if (Files.exists(dir)) {
      try (var s = Files.walk(dir)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    long base = 1_790_000_000_000L / 7_200_000L * 7_200_000L;
    long heapBefore = usedHeapAfterGc();
    var bean = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (LocalTsdb db = LocalTsdb.open(dir, TsdbOptions.defaults().withWal(wal),
        InstantSource.fixed(Instant.ofEpochMilli(base)), new SimpleMeterRegistry())) {
      long cpu0 = bean.getProcessCpuTime();
      long t0 = System.nanoTime();
      AtomicLong appended = new AtomicLong();
      List<Thread> ts = new ArrayList<>();
      int perThread = (series + threads - 1) / threads;
      for (int w = 0; w < threads; w++) {
        int from = w * perThread;
        int to = Math.min(series, from + perThread);
        Thread t = new Thread(() -> {
          long[] refs = new long[to - from];
          for (int s = 0; s < samples; s++) {
            long ts0 = base + s * 15_000L;
            for (int b = from; b < to; b += 1000) {
              HeadAppender a = db.appender();
              for (int i = b; i < Math.min(to, b + 1000); i++) {
                double v = s * 10.0 + (i & 7);
                if (refs[i - from] == 0) {
                  refs[i - from] = a.append(labels(i), ts0, v);
                } else {
                  a.append(refs[i - from], ts0, v);
                }
              }
              a.commit();
            }
          }
          appended.addAndGet((long) (to - from) * samples);
        });
        ts.add(t);
        t.start();
      }
      for (Thread t : ts) {
        t.join();
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      double cpuSecs = (bean.getProcessCpuTime() - cpu0) / 1e9;
      long heapAfter = usedHeapAfterGc();
      System.out.printf("series=%d samples/series=%d threads=%d wal=%s%n", series, samples, threads, wal);
      System.out.printf("appended %d samples in %.2fs: %.0f samples/s, %.0f samples per CPU-second%n",
          appended.get(), secs, appended.get() / secs, appended.get() / cpuSecs);
      System.out.printf("head series %d chunks %d; heap per active series after GC: %.0f bytes%n",
          db.head().numSeries(), db.head().numChunks(), (heapAfter - heapBefore) / (double) series);
    }
  }

  /** Labels built when a series is first appended, so the head holds the only reference. */
  private static Labels labels(int i) {
    return Labels.of("__name__", "metric_" + (i % 100), "instance", "host-" + (i / 100) + ":9100",
        "job", "node", "cpu", Integer.toString(i % 8));
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }
}
