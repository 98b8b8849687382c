package io.thanosjvm.bench.head;

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
 * The Prometheus 2.42 side of {@link HeadIngestHarness}: the same series and samples (same labels, 15 s interval,
 * batches of 1,000 series per request) pushed through remote write from T threads into a real Prometheus; prints
 * samples/s, samples per Prometheus CPU-second ({@code process_cpu_seconds_total}, so HTTP, snappy and protobuf
 * decoding are included) and {@code go_memstats_heap_inuse_bytes / prometheus_tsdb_head_series}.
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar io.thanosjvm.bench.head.PrometheusIngestHarness 100000 120 2 /tmp/pih
 * }</pre>
 */
public final class PrometheusIngestHarness {

  private PrometheusIngestHarness() {}

  /** Runs the harness: {@code <series> <samples per series> <threads> <work dir>}. */
  public static void main(String[] args) throws Exception {
    int series = Integer.parseInt(args[0]);
    int samples = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    Path work = Path.of(args[3]);
    Files.createDirectories(work);
    Path tsdb = Files.createTempDirectory(work, "prometheus-tsdb");
    Path config = work.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  scrape_interval: 1h\n");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p = new ProcessBuilder(List.of("/usr/bin/prometheus", "--config.file=" + config,
        "--storage.tsdb.path=" + tsdb, "--storage.tsdb.retention.time=100y", "--web.enable-remote-write-receiver",
        "--web.listen-address=127.0.0.1:" + port))
        .redirectErrorStream(true).redirectOutput(work.resolve("prometheus.log").toFile()).start();
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
    URI base = URI.create("http://127.0.0.1:" + port);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    awaitReady(http, base, p);
    long start = 1_790_000_000_000L / 7_200_000L * 7_200_000L;
    double cpu0 = metric(http, base, "process_cpu_seconds_total");
    long t0 = System.nanoTime();
    AtomicLong sent = new AtomicLong();
    List<Thread> ts = new ArrayList<>();
    int perThread = (series + threads - 1) / threads;
    for (int w = 0; w < threads; w++) {
      int from = w * perThread;
      int to = Math.min(series, from + perThread);
      Thread t = new Thread(() -> {
        try {
          for (int s = 0; s < samples; s++) {
            long ts0 = start + s * 15_000L;
            for (int b = from; b < to; b += 1000) {
              WriteRequest.Builder req = WriteRequest.newBuilder();
              for (int i = b; i < Math.min(to, b + 1000); i++) {
                req.addTimeseries(series(i, ts0, s * 10.0 + (i & 7)));
              }
              byte[] body = Snappy.compress(req.build().toByteArray());
              HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/write"))
                  .header("Content-Encoding", "snappy").header("Content-Type", "application/x-protobuf")
                  .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() != 204) {
                throw new IllegalStateException("remote write answered " + r.statusCode() + ": " + r.body());
              }
              sent.addAndGet(Math.min(to, b + 1000) - b);
            }
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
    double cpu = metric(http, base, "process_cpu_seconds_total") - cpu0;
    Thread.sleep(5000);
    double heap = metric(http, base, "go_memstats_heap_inuse_bytes");
    double headSeries = metric(http, base, "prometheus_tsdb_head_series");
    System.out.printf("prometheus: series=%d samples/series=%d threads=%d%n", series, samples, threads);
    System.out.printf("pushed %d samples in %.2fs: %.0f samples/s, %.0f samples per Prometheus CPU-second%n",
        sent.get(), secs, sent.get() / secs, sent.get() / cpu);
    System.out.printf("head series %.0f; go_memstats_heap_inuse_bytes / head series: %.0f bytes%n", headSeries,
        heap / headSeries);
    p.destroy();
    p.waitFor(30, TimeUnit.SECONDS);
  }

  private static TimeSeries series(int i, long t, double v) {
    return TimeSeries.newBuilder()
        .addLabels(Label.newBuilder().setName("__name__").setValue("metric_" + (i % 100)))
        .addLabels(Label.newBuilder().setName("cpu").setValue(Integer.toString(i % 8)))
        .addLabels(Label.newBuilder().setName("instance").setValue("host-" + (i / 100) + ":9100"))
        .addLabels(Label.newBuilder().setName("job").setValue("node"))
        .addSamples(Sample.newBuilder().setTimestamp(t).setValue(v)).build();
  }

  private static void awaitReady(HttpClient http, URI base, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("prometheus exited");
      }
      try {
        if (http.send(HttpRequest.newBuilder(base.resolve("/-/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("prometheus not ready");
  }

  private static double metric(HttpClient http, URI base, String name) throws Exception {
    String body = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    for (String line : body.split("\n")) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1).trim());
      }
    }
    throw new IllegalStateException("metric " + name + " not found");
  }
}
