package io.thanosjvm.app.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.metadata.BlockFile;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.objstore.config.ObjstoreConfigLoader;
import io.thanosjvm.objstore.s3.S3ProxyServer;
import io.thanosjvm.shipper.ShipperMetaFile;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.wire.infopb.InfoGrpc;
import io.thanosjvm.wire.infopb.InfoRequest;
import io.thanosjvm.wire.prompb.TimeSeries;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code thanos sidecar --objstore.config=...} beside a real Prometheus 2.42 (2h blocks) fed 7 hours of
 * old-timestamped samples, so Prometheus itself cuts blocks: the sidecar ships each to a real S3 server
 * (S3Proxy) with the Thanos section and the {@code thanos_shipper_*} metrics, advertises the oldest block's
 * minTime as its Info min_time, and a restarted sidecar ships nothing twice. A Prometheus that compacts locally (default block durations) is refused, as Thanos does.
 */
class SidecarShippingTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final long HOUR = 3_600_000L;

  @TempDir Path tmp;

  private static ConfigurableApplicationContext startSidecar(URI prometheus, String... more) {
    List<String> args = new ArrayList<>(List.of("--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0",
        "--prometheus.url=" + prometheus, "--prometheus.ready_timeout=30s"));
    args.addAll(Arrays.asList(more));
    int[] exit = {0};
    String[] spring = ThanosCommandLine.prepare("sidecar", args.toArray(String[]::new), System.out, System.err, exit);
    assertThat(spring).as("flags accepted").isNotNull();
    List<String> all = new ArrayList<>(Arrays.asList(spring));
    all.add("--thanos.sidecar.shipper-sync-interval=500ms");
    return ThanosSidecarApplication.run(all.toArray(String[]::new));
  }

  private static String s3Yaml(S3ProxyServer s3) {
    return "{type: S3, config: {bucket: blocks, endpoint: '" + s3.endpoint() + "', insecure: true, "
        + "bucket_lookup_type: path, access_key: " + S3ProxyServer.ACCESS_KEY + ", secret_key: "
        + S3ProxyServer.SECRET_KEY + "}}";
  }

  private static List<String> localBlocks(Path data) throws Exception {
    try (Stream<Path> s = Files.list(data)) {
      return s.filter(p -> BlockMeta.isUlid(p.getFileName().toString()))
          .filter(p -> Files.exists(p.resolve("meta.json"))).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String metrics(ConfigurableApplicationContext app) throws Exception {
    int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static long infoMinTime(ConfigurableApplicationContext app) {
    int port = Integer.parseInt(app.getEnvironment().getProperty("local.grpc.port"));
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      return InfoGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
          .info(InfoRequest.getDefaultInstance()).getStore().getMinTime();
    } finally {
      channel.shutdownNow();
    }
  }

  private static double metric(String scrape, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(scrape);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void await(Condition c, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!c.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(200);
    }
  }

  /** Seven hours of one-minute samples ending now: Prometheus compacts the head into 2h blocks. */
  private static void feedOldSamples(PrometheusServer prometheus) throws Exception {
    long now = (System.currentTimeMillis() / 60_000) * 60_000;
    int n = 7 * 60;
    long[] ts = new long[n];
    double[] vs = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = now - 7 * HOUR + i * 60_000L;
      vs[i] = i;
    }
    List<TimeSeries> series = new ArrayList<>();
    for (String job : List.of("api", "db", "web")) {
      series.add(PrometheusServer.series(new String[] {"__name__", "requests_total", "job", job}, ts, vs));
    }
    prometheus.remoteWrite(series);
  }

  @Test
  @Timeout(240)
  void shipsTheBlocksPrometheusCutsToS3OnceWithTheThanosSection() throws Exception {
    try (PrometheusServer prometheus = PrometheusServer.start(Map.of("cluster", "eu1", "replica", "0"));
        S3ProxyServer s3 = S3ProxyServer.start(tmp.resolve("s3"))) {
      s3.createBucket("blocks");
      Path data = prometheus.dir().resolve("data");
      feedOldSamples(prometheus);
      await(() -> localBlocks(data).size() >= 2, "Prometheus to cut blocks from its head");
      // Prometheus cuts its blocks one after another: wait until the set has stopped changing
      List<String> seen = localBlocks(data);
      long stableSince = System.nanoTime();
      while (System.nanoTime() - stableSince < TimeUnit.SECONDS.toNanos(5)) {
        Thread.sleep(250);
        List<String> now = localBlocks(data);
        if (!now.equals(seen)) {
          seen = now;
          stableSince = System.nanoTime();
        }
      }
      List<String> blocks = seen;

      try (Bucket bucket = BucketFactory.create(ObjstoreConfigLoader.fromString(s3Yaml(s3)), new SimpleMeterRegistry(),
          Clock.systemUTC())) {
        ConfigurableApplicationContext app = startSidecar(prometheus.url(), "--tsdb.path=" + data,
            "--objstore.config=" + s3Yaml(s3));
        try {
          await(() -> {
            for (String id : blocks) {
              if (!bucket.exists(id + "/meta.json")) {
                return false;
              }
            }
            return true;
          }, "every Prometheus block in the bucket");
          for (String id : blocks) {
            BlockMeta shipped;
            try (InputStream in = bucket.get(id + "/meta.json")) {
              shipped = BlockMeta.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), id);
            }
            ThanosMeta thanos = shipped.thanos().orElseThrow();
            assertThat(thanos.labels()).isEqualTo(Map.of("cluster", "eu1", "replica", "0"));
            assertThat(thanos.source()).isEqualTo("sidecar");
            assertThat(thanos.resolution()).isZero();
            assertThat(shipped.compactionLevel()).isEqualTo(1);
            for (BlockFile f : thanos.files()) {
              if (!f.relPath().equals("meta.json")) {
                assertThat(bucket.attributes(id + "/" + f.relPath()).size()).isEqualTo(f.sizeBytes())
                    .isEqualTo(Files.size(data.resolve(id).resolve(f.relPath())));
              }
            }
          }
          // a block Prometheus cut after the snapshot above is shipped too: count what is local now
          await(() -> metric(metrics(app), "thanos_shipper_uploads_total") == localBlocks(data).size(),
              "uploads counted");
          String scrape = metrics(app);
          assertThat(metric(scrape, "thanos_shipper_dir_syncs_total")).isGreaterThanOrEqualTo(1);
          assertThat(metric(scrape, "thanos_shipper_upload_failures_total")).isZero();
          assertThat(metric(scrape, "thanos_shipper_upload_compacted_done")).isNaN();
          assertThat(ShipperMetaFile.read(data.resolve("thanos.shipper.json")).uploaded())
              .containsExactlyInAnyOrderElementsOf(localBlocks(data));
          long oldest = Long.MAX_VALUE;
          for (String id : blocks) {
            oldest = Math.min(oldest, BlockMeta.read(data.resolve(id).resolve("meta.json")).minTime());
          }
          long expectedMin = oldest;
          await(() -> infoMinTime(app) == expectedMin, "Info min_time = the oldest local block's minTime");
        } finally {
          app.close();
        }

        ConfigurableApplicationContext again = startSidecar(prometheus.url(), "--tsdb.path=" + data,
            "--objstore.config=" + s3Yaml(s3));
        try {
          await(() -> metric(metrics(again), "thanos_shipper_dir_syncs_total") >= 2, "two syncs after restart");
          assertThat(metric(metrics(again), "thanos_shipper_uploads_total")).isZero();
        } finally {
          again.close();
        }
      }
    }
  }

  @Test
  @Timeout(120)
  void refusesToShipFromAPrometheusThatCompactsLocallyUnlessToldAndNeedsOneObjstoreConfig() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("prom"));
    Files.writeString(dir.resolve("prometheus.yml"), "global:\n  external_labels:\n    cluster: eu1\n");
    int port = PrometheusServer.freePort();
    // Prometheus' default block durations: min 2h, max 10% of the 15d retention = 1d12h
    Process prometheus = new ProcessBuilder("/usr/bin/prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    try {
      URI url = URI.create("http://127.0.0.1:" + port);
      await(() -> {
        try {
          return HTTP.send(HttpRequest.newBuilder(url.resolve("/-/ready")).build(),
              HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (java.io.IOException notYet) {
          return false;
        }
      }, "prometheus ready");
      String fs = "--objstore.config={type: FILESYSTEM, config: {directory: " + tmp.resolve("bucket") + "}}";
      assertThatThrownBy(() -> startSidecar(url, "--tsdb.path=" + dir.resolve("data"), fs).close())
          .hasStackTraceContaining("found that TSDB Max time is 1d12h and Min time is 2h. Compaction needs to be "
              + "disabled (storage.tsdb.min-block-duration = storage.tsdb.max-block-duration)");

      Path configFile = Files.writeString(tmp.resolve("bucket.yml"),
          "type: FILESYSTEM\nconfig:\n  directory: " + tmp.resolve("bucket") + "\n");
      assertThatThrownBy(() -> startSidecar(url, "--tsdb.path=" + dir.resolve("data"), fs,
          "--objstore.config-file=" + configFile).close())
          .hasStackTraceContaining("--objstore.config-file, --objstore.config) are exclusive");
      ConfigurableApplicationContext ignoring = startSidecar(url, "--tsdb.path=" + dir.resolve("data"),
          "--objstore.config-file=" + configFile, "--shipper.ignore-unequal-block-size");
      try {
        await(() -> metric(metrics(ignoring), "thanos_shipper_dir_syncs_total") >= 1, "a sync");
      } finally {
        ignoring.close();
      }
      // without a bucket nothing is checked: the StoreAPI alone works with any Prometheus
      startSidecar(url, "--tsdb.path=" + dir.resolve("data")).close();
    } finally {
      prometheus.destroy();
      if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
