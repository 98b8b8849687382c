package io.thanosjvm.bench.store;

import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.model.Labels;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.store.bucket.StoreGateway;
import io.thanosjvm.store.bucket.StoreLimits;
import io.thanosjvm.store.cache.IndexCache;
import io.thanosjvm.tsdb.Ulid;
import io.thanosjvm.wire.storepb.LabelMatcher;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Store gateway figures (not a pass/fail test): (1) heap after GC per series in the bucket with N blocks of S series
 * loaded and idle, and while 20 Series requests run concurrently; (2) Series() latency for 1 series, 1% and 100% of
 * a 100k-series × 100-sample block. Run: {@code java -Xmx4g -cp bench/target/benchmarks.jar
 * io.thanosjvm.bench.store.StoreGatewayHarness [blocks=50] [seriesPerBlock=200000] [workDir]}.
 */
public final class StoreGatewayHarness {

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private StoreGatewayHarness() {}

  public static void main(String[] args) throws Exception {
    int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int perBlock = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("store-harness");
    memory(work.resolve("memory"), blocks, perBlock);
    latency(work.resolve("latency"));
  }

  /** Labels of series i, generated in sorted order for ascending i (zero-padded instance). */
  private static Labels labels(int i, int total) {
    return Labels.of("__name__", "bench_metric", "instance", String.format("host-%07d", i), "job",
        "job-" + (i % 10));
  }

  private static void writeBlock(Path bucketDir, Ulid ulids, long minT, int series, int samples) throws Exception {
    long[] ts = new long[samples];
    double[] vs = new double[samples];
    SplittableRandom rnd = new SplittableRandom(series);
    try (BlockWriter w = new BlockWriter(bucketDir, ulids.next(),
        ThanosMeta.create(Map.of("cluster", "bench"), 0, "bench"))) {
      for (int i = 0; i < series; i++) {
        double v = rnd.nextInt(1000);
        for (int k = 0; k < samples; k++) {
          ts[k] = minT + k * 15_000L;
          v += rnd.nextInt(10);
          vs[k] = v;
        }
        w.addSeries(labels(i, series), ts, vs, samples);
      }
      w.commit(minT, minT + 7_200_000L);
    }
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return MEMORY.getHeapMemoryUsage().getUsed();
  }

  private static StoreGateway gateway(FilesystemBucket bucket, Path dataDir) {
    return StoreGateway.create(bucket, IndexCache.none(), new StoreGateway.Settings(dataDir, Duration.ofHours(1), 4, 8,
        StoreLimits.NONE, 20, Long.MIN_VALUE, Long.MAX_VALUE, List.of(), Duration.ZERO, Duration.ofHours(24)),
        new SimpleMeterRegistry(), Clock.systemUTC());
  }

  private static void memory(Path dir, int blocks, int perBlock) throws Exception {
    Path bucketDir = Files.createDirectories(dir.resolve("bucket"));
    Ulid ulids = new Ulid(Clock.systemUTC(), new SplittableRandom(7));
    long t0 = System.nanoTime();
    long base = 1_700_000_000_000L / 7_200_000L * 7_200_000L;
    try (var s = Files.list(bucketDir)) {
      if (s.findAny().isEmpty()) {
        for (int b = 0; b < blocks; b++) {
          writeBlock(bucketDir, ulids, base + b * 7_200_000L, perBlock, 4);
        }
      }
    }
    System.out.printf("generated %d blocks x %d series in %.1f s%n", blocks, perBlock, (System.nanoTime() - t0) / 1e9);
    long series = (long) blocks * perBlock;
    try (FilesystemBucket bucket = new FilesystemBucket(bucketDir)) {
      long before = heapAfterGc();
      t0 = System.nanoTime();
      StoreGateway g = gateway(bucket, dir.resolve("data"));
      var report = g.sync();
      double loadS = (System.nanoTime() - t0) / 1e9;
      long idle = heapAfterGc() - before;
      System.out.printf("loaded %d blocks (%d failed) in %.1f s; index-headers on disk: %d MiB%n", report.loaded(),
          report.failed(), loadS, du(dir.resolve("data")) >> 20);
      System.out.printf("IDLE: heap after GC %.1f MiB for %d series = %.2f bytes/series (target <= 64)%n",
          idle / 1048576.0, series, idle / (double) series);

      // 20 concurrent requests, each selecting 1% of every block's series (instance host-xxxx0yy)
      ExecutorService pool = Executors.newFixedThreadPool(20);
      CountDownLatch started = new CountDownLatch(20);
      AtomicLong received = new AtomicLong();
      AtomicLong peak = new AtomicLong();
      List<Future<?>> running = new ArrayList<>();
      t0 = System.nanoTime();
      for (int r = 0; r < 20; r++) {
        String re = String.format("host-0.%d0.*", r % 10);
        running.add(pool.submit(() -> {
          started.countDown();
          g.store().series(request(LabelMatcher.Type.RE, "instance", re), counter(received));
          return null;
        }));
      }
      started.await();
      Thread sampler = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          peak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      sampler.start();
      Thread.sleep(300);
      long duringLive = heapAfterGc() - before;
      for (Future<?> f : running) {
        f.get();
      }
      sampler.interrupt();
      pool.shutdown();
      System.out.printf("SERVING 20 concurrent requests (%d series returned in %.1f s): live heap after GC "
              + "mid-flight %.1f MiB (%.2f bytes/series in bucket), peak heap used %.1f MiB%n", received.get(),
          (System.nanoTime() - t0) / 1e9, duringLive / 1048576.0, duringLive / (double) series,
          (peak.get() - before) / 1048576.0);
      g.close();
    }
  }

  private static void latency(Path dir) throws Exception {
    Path bucketDir = Files.createDirectories(dir.resolve("bucket"));
    int n = 100_000;
    try (var s = Files.list(bucketDir)) {
      if (s.findAny().isEmpty()) {
        writeBlock(bucketDir, new Ulid(Clock.systemUTC(), new SplittableRandom(9)), 1_700_000_000_000L, n, 100);
      }
    }
    try (FilesystemBucket bucket = new FilesystemBucket(bucketDir)) {
      StoreGateway g = gateway(bucket, dir.resolve("data"));
      g.sync();
      Object[][] cases = {
          {"1 series", request(LabelMatcher.Type.EQ, "instance", "host-0050000")},
          {"1% (1000 series)", request(LabelMatcher.Type.RE, "instance", "host-00[0-9]{3}00")},
          {"100% (100000 series)", request(LabelMatcher.Type.EQ, "__name__", "bench_metric")}};
      for (Object[] c : cases) {
        SeriesRequest req = (SeriesRequest) c[1];
        long[] times = new long[c[0].toString().startsWith("100%") ? 7 : 25];
        AtomicLong got = new AtomicLong();
        for (int i = 0; i < 3; i++) {
          g.store().series(req, counter(new AtomicLong()));
        }
        for (int i = 0; i < times.length; i++) {
          got.set(0);
          long t = System.nanoTime();
          g.store().series(req, counter(got));
          times[i] = System.nanoTime() - t;
        }
        Arrays.sort(times);
        System.out.printf("LATENCY Series() %-22s %8d series  median %9.2f ms  min %9.2f ms%n", c[0], got.get(),
            times[times.length / 2] / 1e6, times[0] / 1e6);
      }
      g.close();
    }
  }

  private static SeriesRequest request(LabelMatcher.Type type, String name, String value) {
    return SeriesRequest.newBuilder().setMinTime(Long.MIN_VALUE).setMaxTime(Long.MAX_VALUE)
        .addMatchers(LabelMatcher.newBuilder().setType(type).setName(name).setValue(value)).build();
  }

  private static StreamObserver<SeriesResponse> counter(AtomicLong count) {
    return new StreamObserver<>() {
      @Override
      public void onNext(SeriesResponse value) {
        if (value.hasSeries()) {
          count.incrementAndGet();
        }
      }

      @Override
      public void onError(Throwable t) {
        throw new IllegalStateException(t);
      }

      @Override
      public void onCompleted() {}
    };
  }

  private static long du(Path dir) throws Exception {
    try (var s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
