package io.thanosjvm.bench.store;

import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.model.Labels;
import io.thanosjvm.tsdb.Ulid;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Store gateway start-up figures (not a pass/fail test): for each bucket size N, a filesystem bucket of N small
 * valid blocks (meta.json + index + chunks, written by {@link BlockWriter}; generated once under the work directory
 * and reused) served by the real store process as users run it ({@code bin/thanos store ...}). Measures the wall
 * time from process spawn to the first 200 on {@code /-/ready}, cold (empty {@code --data-dir}) and warm (the
 * data directory of the previous run kept), then the heap after a full GC ({@code jcmd <pid> GC.run}, then
 * {@code jvm_memory_used_bytes{area="heap"}} from {@code /metrics}) and its growth per block over the 1-block
 * bucket. Each figure is the median of {@code runs} runs.
 *
 * <p>Run from the project root after {@code mvn -DskipTests package -pl thanos-store-app,bench -am}: {@code java -cp
 * bench/target/benchmarks.jar io.thanosjvm.bench.store.StoreStartupHarness /tmp/store-startup 3 1 1000 10000 50000}
 * (work directory, runs, bucket sizes). A first start, not counted, lets the launcher prepare its class-data
 * archive. {@code -Dwarm=false} times cold starts only. Extra store flags: system property {@code store.flags}
 * (space separated); JVM options of the store: the environment's {@code THANOS_JAVA_OPTS}, as with {@code
 * bin/thanos}.
 */
public final class StoreStartupHarness {

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private static final long BLOCK_MILLIS = 7_200_000L;
  /** Whether to also time a warm start (system property {@code warm}, default true). */
  private static final boolean WARM = Boolean.parseBoolean(System.getProperty("warm", "true"));

  private StoreStartupHarness() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "/tmp/store-startup");
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int[] sizes = args.length > 2 ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
        : new int[] {1, 1000, 10_000, 50_000};
    Path launcher = Path.of(System.getProperty("thanos.launcher", "bin/thanos")).toAbsolutePath();
    List<String> extra = System.getProperty("store.flags", "").isBlank() ? List.of()
        : List.of(System.getProperty("store.flags").trim().split("\\s+"));
    System.out.printf("launcher %s, extra flags %s, THANOS_JAVA_OPTS=%s, load average %s%n", launcher, extra,
        System.getenv().getOrDefault("THANOS_JAVA_OPTS", ""), loadAverage());
    Double heapOfOne = null;
    if (runs > 0) {
      // the first start after a build prepares the launcher's class-data archive: reported, not counted
      Path data = work.resolve("data-prime");
      deleteTree(data);
      Result prime = start(launcher, generate(work.resolve("bucket-1"), 1), data, extra, false);
      System.out.printf("first start (the launcher's one-off preparation included): ready %.2f s%n",
          prime.readySeconds());
    }
    for (int n : sizes) {
      Path bucket = generate(work.resolve("bucket-" + n), n);
      if (runs == 0) {
        continue;
      }
      double[] cold = new double[runs];
      double[] warm = new double[runs];
      double[] heap = new double[runs];
      double[] coldCpu = new double[runs];
      double[] warmCpu = new double[runs];
      for (int r = 0; r < runs; r++) {
        Path data = work.resolve("data-" + n);
        deleteTree(data);
        Result c = start(launcher, bucket, data, extra, true);
        Result w = WARM ? start(launcher, bucket, data, extra, false)
            : new Result(Double.NaN, Double.NaN, Double.NaN);
        cold[r] = c.readySeconds();
        warm[r] = w.readySeconds();
        heap[r] = c.heapBytes();
        coldCpu[r] = c.cpuSeconds();
        warmCpu[r] = w.cpuSeconds();
        System.out.printf("  N=%d run %d: cold ready %.2f s (CPU %.2f s), warm ready %.2f s (CPU %.2f s), heap after GC"
                + " %.1f MiB%n", n, r + 1, c.readySeconds(), c.cpuSeconds(), w.readySeconds(), w.cpuSeconds(),
            c.heapBytes() / 1048576.0);
      }
      double heapMedian = median(heap);
      if (n == 1) {
        heapOfOne = heapMedian;
      }
      String perBlock = heapOfOne == null || n == 1 ? "-"
          : String.format("%.0f B", (heapMedian - heapOfOne) / (n - 1));
      System.out.printf("RESULT blocks=%d cold ready median %.2f s (min %.2f, CPU %.2f s) | warm ready median %.2f s"
              + " (min %.2f, CPU %.2f s) | heap after GC %.1f MiB | per block over 1-block bucket %s | load %s%n", n,
          median(cold), min(cold), median(coldCpu), median(warm), min(warm), median(warmCpu),
          heapMedian / 1048576.0, perBlock, loadAverage());
    }
  }

  /**
   * Outcome of one start: seconds from spawn to the first 200 on /-/ready, the CPU seconds (user + system) the
   * process had used by then (steadier than wall time on a shared machine), and heap used after a full GC.
   */
  private record Result(double readySeconds, double cpuSeconds, double heapBytes) {}

  /** {@link #attempt}, again (up to 3 times) when the store exits early: a free port may be taken meanwhile. */
  private static Result start(Path launcher, Path bucket, Path data, List<String> extra, boolean measureHeap)
      throws Exception {
    for (int i = 1; ; i++) {
      try {
        return attempt(launcher, bucket, data, extra, measureHeap);
      } catch (IllegalStateException e) {
        if (i == 3 || !e.getMessage().startsWith("store exited")) {
          throw e;
        }
        System.out.println("  (retrying: " + e.getMessage() + ")");
      }
    }
  }

  private static Result attempt(Path launcher, Path bucket, Path data, List<String> extra, boolean measureHeap)
      throws Exception {
    int http = freePort();
    int grpc = freePort();
    List<String> cmd = new ArrayList<>(List.of(launcher.toString(), "store",
        "--objstore.config=type: FILESYSTEM\nconfig:\n  directory: " + bucket, "--data-dir=" + data,
        "--http-address=127.0.0.1:" + http, "--grpc-address=127.0.0.1:" + grpc));
    cmd.addAll(extra);
    Path log = data.resolveSibling(data.getFileName() + ".log");
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      URI ready = URI.create("http://127.0.0.1:" + http + "/-/ready");
      long deadline = t0 + TimeUnit.MINUTES.toNanos(10);
      while (status(ready) != 200) {
        if (!p.isAlive()) {
          throw new IllegalStateException("store exited with " + p.exitValue() + "; see " + log);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("store not ready within 10 minutes; see " + log);
        }
        Thread.sleep(10);
      }
      double readySeconds = (System.nanoTime() - t0) / 1e9;
      double cpu = cpuSeconds(p.pid());
      double heap = measureHeap ? heapAfterGc(p.pid(), http) : Double.NaN;
      return new Result(readySeconds, cpu, heap);
    } finally {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
  }

  /** utime + stime of a process from /proc (clock ticks of 1/100 s); its children would not count. */
  private static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static double heapAfterGc(long pid, int http) throws Exception {
    for (int i = 0; i < 2; i++) {
      Process gc = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      gc.waitFor(60, TimeUnit.SECONDS);
    }
    String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    double sum = 0;
    for (String line : metrics.split("\n")) {
      if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  private static int status(URI uri) {
    try {
      return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A bucket of {@code n} adjacent 2h blocks of 4 series × 240 samples; reused when complete. */
  private static Path generate(Path dir, int n) throws IOException {
    Path done = dir.resolveSibling(dir.getFileName() + ".complete");
    if (Files.exists(done)) {
      return dir;
    }
    deleteTree(dir);
    Files.createDirectories(dir);
    long t0 = System.nanoTime();
    Ulid ulids = new Ulid(Clock.systemUTC(), new SplittableRandom(n));
    long base = 1_600_000_000_000L / BLOCK_MILLIS * BLOCK_MILLIS;
    long[] ts = new long[240];
    double[] vs = new double[240];
    for (int b = 0; b < n; b++) {
      long minT = base + b * BLOCK_MILLIS;
      try (BlockWriter w = new BlockWriter(dir, ulids.next(),
          ThanosMeta.create(Map.of("cluster", "bench"), 0, "bench"))) {
        for (int s = 0; s < 4; s++) {
          for (int k = 0; k < ts.length; k++) {
            ts[k] = minT + k * 30_000L;
            vs[k] = s * 1000 + k;
          }
          w.addSeries(Labels.of("__name__", "up", "instance", "host-" + s, "job", "bench"), ts, vs, ts.length);
        }
        w.commit(minT, minT + BLOCK_MILLIS);
      }
    }
    Files.createFile(done);
    System.out.printf("generated %d blocks in %s in %.1f s%n", n, dir, (System.nanoTime() - t0) / 1e9);
    return dir;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
