package io.thanosjvm.bench.receive;

import io.thanosjvm.wire.prompb.Label;
import io.thanosjvm.wire.prompb.Sample;
import io.thanosjvm.wire.prompb.TimeSeries;
import io.thanosjvm.wire.prompb.WriteRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.xerial.snappy.Snappy;

/**
 * Benchmark P6: one remote-write client (T threads, batches of 1,000 series per request, 15 s sample interval,
 * node-exporter-like labels; requests pre-encoded so the client's own cost stays out) against either Prometheus
 * 2.42's receiver ({@code --web.enable-remote-write-receiver}, started here) or a thanos receive started by hand.
 * Prints samples/s and the target's memory per head series: for Prometheus {@code go_memstats_heap_inuse_bytes /
 * prometheus_tsdb_head_series}, for receive the JVM's {@code jvm_gc_live_data_size_bytes} (live heap after the last
 * major GC) and {@code jvm_memory_used_bytes{area="heap"}} over {@code prometheus_tsdb_head_series}.
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar io.thanosjvm.bench.receive.RemoteWriteIngestHarness prometheus 100000 20 2 /tmp/p6
 * bin/thanos receive --tsdb.path=/tmp/p6/receive --remote-write.address=127.0.0.1:19291 &
 * java -cp bench/target/benchmarks.jar io.thanosjvm.bench.receive.RemoteWriteIngestHarness \
 *   http://127.0.0.1:19291/api/v1/receive,http://127.0.0.1:10902/metrics 100000 20 2 /tmp/p6
 * }</pre>
 */
public final class RemoteWriteIngestHarness {

  private RemoteWriteIngestHarness() {}

  /**
   * {@code <prometheus | writeUrl,metricsUrl> <series> <samples per series> <threads> <work dir> [offset]}; the
   * offset (in samples, default 0) lets a second run against the same target continue in time (a warm run).
   */
  public static void main(String[] args) throws Exception {
    int series = Integer.parseInt(args[1]);
    int samples = Integer.parseInt(args[2]);
    int threads = Integer.parseInt(args[3]);
    Path work = Path.of(args[4]);
    Files.createDirectories(work);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Process prometheus = null;
    URI write;
    URI metrics;
    if (args[0].equals("prometheus")) {
      Path tsdb = Files.createTempDirectory(work, "prometheus-tsdb");
      Path config = work.resolve("prometheus.yml");
      Files.writeString(config, "global:\n  scrape_interval: 1h\n");
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      prometheus = new ProcessBuilder(List.of("/usr/bin/prometheus", "--config.file=" + config,
          "--storage.tsdb.path=" + tsdb, "--storage.tsdb.retention.time=100y", "--web.enable-remote-write-receiver",
          "--web.listen-address=127.0.0.1:" + port))
          .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
      Process p = prometheus;
      Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
      write = URI.create("http://127.0.0.1:" + port + "/api/v1/write");
      metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
      awaitReady(http, URI.create("http://127.0.0.1:" + port + "/-/ready"), p);
    } else {
      String[] urls = args[0].split(",");
      write = URI.create(urls[0]);
      metrics = URI.create(urls[1]);
    }
    int offset = args.length > 5 ? Integer.parseInt(args[5]) : 0;
    long start = 1_790_000_000_000L / 7_200_000L * 7_200_000L + offset * 15_000L;
    // every request encoded up front: the client's cost is the same for both targets and stays out of the timing
    int perThread = (series + threads - 1) / threads;
    List<List<byte[]>> bodies = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      int from = w * perThread;
      int to = Math.min(series, from + perThread);
      List<byte[]> mine = new ArrayList<>();
      for (int s = 0; s < samples; s++) {
        long ts0 = start + s * 15_000L;
        for (int b = from; b < to; b += 1000) {
          WriteRequest.Builder req = WriteRequest.newBuilder();
          for (int i = b; i < Math.min(to, b + 1000); i++) {
            req.addTimeseries(series(i, ts0, s * 10.0 + (i & 7)));
          }
          mine.add(Snappy.compress(req.build().toByteArray()));
        }
      }
      bodies.add(mine);
    }
    AtomicLong sent = new AtomicLong();
    long t0 = System.nanoTime();
    List<Thread> ts = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      List<byte[]> mine = bodies.get(w);
      int from = w * perThread;
      int to = Math.min(series, from + perThread);
      int perRequest = Math.min(1000, to - from);
      Thread t = new Thread(() -> {
        try {
          for (byte[] body : mine) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(write)
                .header("Content-Encoding", "snappy").header("Content-Type", "application/x-protobuf")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
              throw new IllegalStateException("remote write answered " + r.statusCode() + ": " + r.body());
            }
            sent.addAndGet(perRequest);
          }
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      ts.add(t);
      t.start();
    }
    for (Thread t : ts) {
      t.join();
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    Thread.sleep(5000);
    String m = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
    double headSeries = sum(m, "prometheus_tsdb_head_series");
    System.out.printf("%s: series=%d samples/series=%d threads=%d%n", args[0], series, samples, threads);
    System.out.printf("pushed %d samples in %.2fs: %.0f samples/s%n", sent.get(), secs, sent.get() / secs);
    if (m.contains("\ngo_memstats_heap_inuse_bytes ")) {
      System.out.printf("head series %.0f; go_memstats_heap_inuse_bytes / head series: %.0f bytes%n", headSeries,
          sum(m, "go_memstats_heap_inuse_bytes") / headSeries);
    } else {
      System.out.printf("head series %.0f; jvm_gc_live_data_size_bytes / head series: %.0f bytes; "
          + "jvm_memory_used_bytes{area=heap} / head series: %.0f bytes%n", headSeries,
          sum(m, "jvm_gc_live_data_size_bytes") / headSeries, sum(m, "jvm_memory_used_bytes{area=\"heap\"") / headSeries);
    }
    if (prometheus != null) {
      prometheus.destroy();
      prometheus.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static TimeSeries series(int i, long t, double v) {
    return TimeSeries.newBuilder()
        .addLabels(Label.newBuilder().setName("__name__").setValue("metric_" + (i % 100)))
        .addLabels(Label.newBuilder().setName("cpu").setValue(Integer.toString(i % 8)))
        .addLabels(Label.newBuilder().setName("instance").setValue("host-" + (i / 100) + ":9100"))
        .addLabels(Label.newBuilder().setName("job").setValue("node"))
        .addSamples(Sample.newBuilder().setTimestamp(t).setValue(v)).build();
  }

  private static void awaitReady(HttpClient http, URI ready, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("prometheus exited");
      }
      try {
        if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("prometheus not ready");
  }

  /** Sum of every sample line of the metric whose name (with its label-set opening) starts {@code prefix}. */
  private static double sum(String body, String prefix) {
    double total = 0;
    boolean found = false;
    for (String line : body.split("\n")) {
      if (line.startsWith(prefix) && (line.length() > prefix.length()
          && (line.charAt(prefix.length()) == ' ' || line.charAt(prefix.length()) == '{'
          || line.charAt(prefix.length()) == ','))) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
        found = true;
      }
    }
    if (!found) {
      throw new IllegalStateException("metric " + prefix + " not found");
    }
    return total;
  }
}
