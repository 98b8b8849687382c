package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.objstore.config.HttpConfig;
import io.thanosjvm.objstore.config.ObjstoreConfig;
import io.thanosjvm.objstore.config.ProviderType;
import io.thanosjvm.objstore.config.S3Config;
import io.thanosjvm.objstore.s3.S3ProxyServer;
import io.thanosjvm.store.bucket.StoreGateway;
import io.thanosjvm.store.bucket.StoreLimits;
import io.thanosjvm.store.cache.IndexCaches;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.tsdb.testing.Promtool;
import io.thanosjvm.wire.prompb.TimeSeries;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Issue #8, the long-term-storage recipe end to end: a real Prometheus 2.42 fed seven hours of old-timestamped
 * samples by remote write cuts 2h blocks; the sidecar's shipper uploads them to a real S3 server (S3Proxy) with
 * Prometheus' external labels; the store gateway serves them; and Query over store gateway + sidecar answers
 * exactly (JSON equal, values exact) as Query over the sidecar alone, without counting the overlap twice.
 *
 * <p>Store gateway and sidecar advertise the same external labels ({@code cluster="eu1", replica="0"}) and both
 * return the shipped range. As in Thanos, the querier then merges each series' parts from both stores into one
 * series (equal chunks once, overlapping samples once) whether or not replica deduplication is on: with
 * {@code dedup=false} no series appears twice and no sample is counted twice.
 *
 * <p>The sidecar is wired by hand from thanos-common's pieces ({@link HandWiredSidecar}): the query app may not
 * depend on the sidecar app, and the reactor builds the sidecar jar only after this module's integration tests.
 */
@Timeout(240)
class LongTermRecipeIT {

  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final int SAMPLES = 7 * 60;
  private static final Map<String, String> EXTERNAL = Map.of("cluster", "eu1", "replica", "0");
  private static final List<String> JOBS = List.of("api", "db", "web");
  private static final int COUNTERS = 12;
  private static final int SERIES = COUNTERS + 6 + 12;

  private static Path tmp;
  private static PrometheusServer prometheus;
  private static S3ProxyServer s3;
  private static Bucket bucket;
  private static HandWiredSidecar sidecar;
  private static SimpleMeterRegistry gatewayMeters;
  private static StoreGateway gateway;
  private static Server gatewayGrpc;
  private static Querier sidecarOnly;
  private static Querier storeAndSidecar;
  private static Querier storeOnly;
  private static List<BlockMeta> shipped;
  /** First and last sample timestamps (ms). */
  private static long first;
  private static long last;
  /** The last sample inside the shipped blocks (ms). */
  private static long lastShipped;

  /** A querier app and its HTTP port. */
  private record Querier(ConfigurableApplicationContext app, int port) {

    static Querier start(String... endpoints) {
      List<String> args = new ArrayList<>(List.of("--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0",
          "--query.replica-label=replica"));
      for (String e : endpoints) {
        args.add("--endpoint=" + e);
      }
      int[] exit = {0};
      ConfigurableApplicationContext app = ThanosQueryApplication.run(
          ThanosCommandLine.prepare("query", args.toArray(String[]::new), System.out, System.err, exit));
      return new Querier(app, Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
    }

    JsonNode get(String pathAndQuery) throws Exception {
      return PrometheusSideBySideTest.get(URI.create("http://127.0.0.1:" + port), pathAndQuery);
    }

    /** Waits until {@code /api/v1/stores} lists each component type's endpoint as healthy. */
    void awaitEndpoints(String... componentTypes) throws Exception {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (true) {
        JsonNode data = get("/api/v1/stores").path("data");
        boolean all = true;
        for (String type : componentTypes) {
          JsonNode list = data.path(type);
          all &= list.size() == 1 && list.get(0).path("lastError").isNull()
              && list.get(0).path("labelSets").size() == 1;
        }
        if (all) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("endpoints " + List.of(componentTypes) + " not healthy: " + data);
        }
        Thread.sleep(200);
      }
    }
  }

  @BeforeAll
  static void start() throws Exception {
    tmp = Files.createTempDirectory("long-term-recipe");
    prometheus = PrometheusServer.start(EXTERNAL);
    Path data = prometheus.dir().resolve("data");
    feedSevenHours();
    List<String> blocks = awaitCompletedBlocks(data);

    s3 = S3ProxyServer.start(Files.createDirectories(tmp.resolve("s3")));
    s3.createBucket("thanos");
    S3Config config = S3ProxyServer.config(s3.endpoint(), "thanos", S3Config.MIN_PART_SIZE, HttpConfig.defaults(), 2);
    bucket = BucketFactory.create(new ObjstoreConfig(ProviderType.S3, config, ""), new SimpleMeterRegistry(),
        Clock.systemUTC());
    sidecar = HandWiredSidecar.start(prometheus.url(), data, bucket);
    assertThat(sidecar.ship()).as("blocks shipped").isEqualTo(blocks.size());
    assertThat(sidecar.ship()).as("a second pass ships nothing").isZero();
    shipped = new ArrayList<>();
    for (String id : blocks) {
      try (InputStream in = bucket.get(id + "/meta.json")) {
        shipped.add(BlockMeta.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), id));
      }
    }
    lastShipped = shipped.stream().mapToLong(BlockMeta::maxTime).max().orElseThrow() - MINUTE;

    gatewayMeters = new SimpleMeterRegistry();
    gateway = StoreGateway.create(bucket, IndexCaches.create(null, 16L << 20, gatewayMeters),
        new StoreGateway.Settings(tmp.resolve("store"), Duration.ofMinutes(5), 4, 8, StoreLimits.NONE, 20,
            Long.MIN_VALUE, Long.MAX_VALUE, List.of(), Duration.ZERO, Duration.ofHours(24)), gatewayMeters,
        Clock.systemUTC());
    assertThat(gateway.sync().loaded()).as("blocks loaded by the store gateway").isEqualTo(blocks.size());
    gatewayGrpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(gateway.store())
        .addService(gateway.info()).build().start();
    String gatewayAddress = "127.0.0.1:" + gatewayGrpc.getPort();

    sidecarOnly = Querier.start(sidecar.address());
    storeAndSidecar = Querier.start(gatewayAddress, sidecar.address());
    storeOnly = Querier.start(gatewayAddress);
    sidecarOnly.awaitEndpoints("sidecar");
    storeAndSidecar.awaitEndpoints("sidecar", "store");
    storeOnly.awaitEndpoints("store");
  }

  /**
   * Seven hours of one-minute samples ending now, so Prometheus cuts 2h blocks from its head at once: 12 counters
   * (one with a reset), 6 gauges and a 4-bucket histogram for 3 jobs — {@value #SERIES} series of 420 samples.
   */
  private static void feedSevenHours() throws Exception {
    long now = (System.currentTimeMillis() / MINUTE) * MINUTE;
    first = now - 7 * HOUR;
    last = first + (SAMPLES - 1) * MINUTE;
    long[] ts = new long[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      ts[i] = first + i * MINUTE;
    }
    List<TimeSeries> series = new ArrayList<>();
    for (int j = 0; j < JOBS.size(); j++) {
      String job = JOBS.get(j);
      for (String instance : List.of("a", "b")) {
        for (String code : List.of("200", "500")) {
          double slope = (j + 1) * (instance.equals("a") ? 3 : 5) * (code.equals("200") ? 4 : 1);
          boolean reset = job.equals("web") && instance.equals("b") && code.equals("500");
          double[] vs = new double[SAMPLES];
          for (int i = 0; i < SAMPLES; i++) {
            vs[i] = slope * (reset && i >= 200 ? i - 200 : i);
          }
          series.add(PrometheusServer.series(new String[] {"__name__", "http_requests_total", "job", job,
              "instance", instance, "code", code}, ts, vs));
        }
        double[] gauge = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
          gauge[i] = 1e6 + ((i * 37 + j * 11) % 101) * 1024 + (instance.equals("a") ? 0.5 : 0.25);
        }
        series.add(PrometheusServer.series(new String[] {"__name__", "memory_bytes", "job", job,
            "instance", instance}, ts, gauge));
      }
      String[] les = {"0.1", "0.5", "1", "+Inf"};
      for (int b = 0; b < les.length; b++) {
        double[] vs = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
          vs[i] = (double) i * (b + 1) * (j + 2) + (i % 7) * b;
        }
        series.add(PrometheusServer.series(new String[] {"__name__", "request_duration_seconds_bucket", "job", job,
            "le", les[b]}, ts, vs));
      }
    }
    assertThat(series).hasSize(SERIES);
    prometheus.remoteWrite(series);
  }

  /** Waits until Prometheus has cut its blocks and stopped (the head keeps at most 3h). */
  private static List<String> awaitCompletedBlocks(Path data) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    List<String> seen = List.of();
    int stableRounds = 0;
    while (stableRounds < 10) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Prometheus did not cut blocks; has " + seen);
      }
      Thread.sleep(300);
      List<String> now = localBlocks(data);
      stableRounds = now.size() >= 2 && now.equals(seen) ? stableRounds + 1 : 0;
      seen = now;
    }
    return seen;
  }

  private static List<String> localBlocks(Path data) throws Exception {
    try (Stream<Path> s = Files.list(data)) {
      return s.filter(p -> BlockMeta.isUlid(p.getFileName().toString()))
          .filter(p -> Files.exists(p.resolve("meta.json"))).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (Querier q : new Querier[] {sidecarOnly, storeAndSidecar, storeOnly}) {
      if (q != null) {
        q.app().close();
      }
    }
    if (gatewayGrpc != null) {
      gatewayGrpc.shutdownNow();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (sidecar != null) {
      sidecar.close();
    }
    if (bucket != null) {
      bucket.close();
    }
    if (s3 != null) {
      s3.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
    if (tmp != null) {
      Promtool.deleteTree(tmp);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A Prometheus API time in seconds with millisecond precision. */
  private static String time(long millis) {
    return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format("%d.%03d", millis / 1000, millis % 1000);
  }

  private static String instant(String promql, long at) {
    return "/api/v1/query?query=" + enc(promql) + "&time=" + time(at);
  }

  private static String range(String promql, long start, long end, long stepSeconds) {
    return "/api/v1/query_range?query=" + enc(promql) + "&start=" + time(start) + "&end=" + time(end) + "&step="
        + stepSeconds;
  }

  /** The 2h boundary between the first two shipped blocks. */
  private static long firstBlockBoundary() {
    return shipped.stream().mapToLong(BlockMeta::maxTime).min().orElseThrow();
  }

  /** The corpus: instant and range queries over the shipped range, the head, and across block boundaries. */
  private static List<String> corpus() {
    long shippedWindow = lastShipped - first;
    long boundary = firstBlockBoundary();
    long mid = first + (lastShipped - first) / 2;
    return List.of(
        instant("count_over_time(http_requests_total[7h])", last),
        instant("count_over_time({__name__=~\".+\"}[" + shippedWindow / 1000 + "s])", lastShipped),
        instant("sum(count_over_time({__name__=~\".+\"}[7h]))", last),
        instant("increase(http_requests_total[" + shippedWindow / 1000 + "s])", lastShipped),
        instant("sum by (job) (increase(http_requests_total[" + shippedWindow / 1000 + "s]))", lastShipped),
        instant("resets(http_requests_total[7h])", last),
        instant("http_requests_total{job=\"api\",instance=\"a\",code=\"200\"}[30m]", boundary + 15 * MINUTE),
        instant("memory_bytes[10m]", boundary + 4 * MINUTE),
        instant("memory_bytes", mid),
        instant("count(memory_bytes)", mid),
        instant("max_over_time(memory_bytes[2h])", lastShipped),
        instant("histogram_quantile(0.9, sum by (le) (rate(request_duration_seconds_bucket[10m])))", mid),
        range("rate(http_requests_total[5m])", first, last, 300),
        range("sum by (job, code) (rate(http_requests_total[10m]))", first, last, 300),
        range("count(http_requests_total)", first, last, 600),
        range("count_over_time(memory_bytes[30m])", first, last, 900),
        range("histogram_quantile(0.5, sum by (le, job) (rate(request_duration_seconds_bucket[5m])))", first, last,
            300),
        range("avg by (instance) (memory_bytes offset 1h)", first + HOUR, last, 600),
        range("http_requests_total{job=\"web\",instance=\"b\",code=\"500\"}", first, last, 60));
  }

  private static List<String> metadataCorpus() {
    String window = "start=" + time(first) + "&end=" + time(last);
    return List.of(
        "/api/v1/labels?" + window,
        "/api/v1/label/job/values?" + window,
        "/api/v1/label/__name__/values?" + window,
        "/api/v1/label/le/values?" + window,
        "/api/v1/labels?match[]=" + enc("memory_bytes") + "&" + window,
        "/api/v1/label/instance/values?match[]=" + enc("http_requests_total{code=\"500\",job!=\"db\"}") + "&"
            + window,
        "/api/v1/series?match[]=" + enc("http_requests_total{code=\"500\"}") + "&" + window,
        "/api/v1/series?match[]=" + enc("{__name__=~\".+\"}") + "&start=" + time(first) + "&end="
            + time(lastShipped));
  }

  private static void assertSameAnswer(String q, JsonNode combined, JsonNode alone) {
    assertThat(alone.path("status").asString()).as("sidecar alone answered %s: %s", q, alone).isEqualTo("success");
    JsonNode data = alone.path("data");
    assertThat(data.isArray() ? data : data.path("result")).as("sidecar alone has data for %s", q).isNotEmpty();
    assertThat(combined).as("store + sidecar answer for %s", q).isEqualTo(alone);
  }

  @Test
  void bucketHoldsPrometheusBlocksWithTheSidecarsExternalLabels() throws Exception {
    assertThat(shipped).hasSizeGreaterThanOrEqualTo(2);
    for (BlockMeta m : shipped) {
      ThanosMeta thanos = m.thanos().orElseThrow();
      assertThat(thanos.labels()).as("labels of %s", m.ulid()).isEqualTo(EXTERNAL);
      assertThat(thanos.source()).isEqualTo("sidecar");
      assertThat(m.compactionLevel()).isEqualTo(1);
      assertThat(m.maxTime() - m.minTime()).isLessThanOrEqualTo(2 * HOUR);
      assertThat(bucket.exists(m.ulid() + "/index")).isTrue();
      assertThat(bucket.exists(m.ulid() + "/chunks/000001")).isTrue();
    }
    assertThat(sidecar.externalLabels().toString()).contains("cluster", "eu1", "replica");
    assertThat(shipped.stream().mapToLong(BlockMeta::minTime).min().orElseThrow()).isLessThanOrEqualTo(first);
    assertThat(lastShipped).as("part of the data is still only in Prometheus' head").isLessThan(last);
  }

  @Test
  void storeGatewayAloneServesExactlyTheShippedSamples() throws Exception {
    long shippedWindow = lastShipped - first;
    long expected = shippedWindow / MINUTE + 1;
    JsonNode r = storeOnly.get(instant("count_over_time(http_requests_total[" + shippedWindow / 1000 + "s])",
        lastShipped));
    JsonNode result = r.path("data").path("result");
    assertThat(result).as("%s", r).hasSize(COUNTERS);
    for (JsonNode s : result) {
      assertThat(s.path("metric").path("cluster").asString()).isEqualTo("eu1");
      assertThat(s.path("value").get(1).asString()).isEqualTo(Long.toString(expected));
    }
    JsonNode head = storeOnly.get(instant("count_over_time(http_requests_total[5m])", last)).path("data");
    assertThat(head.path("result")).as("the head's recent samples are not in the bucket").isEmpty();
  }

  @ParameterizedTest(name = "dedup={0}")
  @ValueSource(strings = {"true", "false"})
  void queryOverStoreAndSidecarAnswersExactlyAsOverTheSidecarAlone(String dedup) throws Exception {
    for (String query : corpus()) {
      String q = query + "&dedup=" + dedup;
      assertSameAnswer(q, storeAndSidecar.get(q), sidecarOnly.get(q));
    }
  }

  @Test
  void metadataOverStoreAndSidecarEqualsTheSidecarAlone() throws Exception {
    for (String q : metadataCorpus()) {
      assertSameAnswer(q, storeAndSidecar.get(q), sidecarOnly.get(q));
    }
    JsonNode series = storeAndSidecar.get(metadataCorpus().get(6)).path("data");
    assertThat(series).hasSize(COUNTERS / 2);
  }

  @Test
  void overlapIsCountedOnceWithAndWithoutDeduplication() throws Exception {
    long before = gatewayMeters.summary("thanos_bucket_store_series_blocks_queried").count();
    for (String dedup : List.of("", "&dedup=true", "&dedup=false", "&dedup=false&partial_response=false")) {
      String q = instant("count_over_time({__name__=~\".+\"}[7h])", last) + dedup;
      JsonNode combined = storeAndSidecar.get(q);
      assertSameAnswer(q, combined, sidecarOnly.get(q));
      JsonNode result = combined.path("data").path("result");
      assertThat(result).as("one series per series fed, %s", q).hasSize(SERIES);
      for (JsonNode s : result) {
        assertThat(s.path("value").get(1).asString()).as("samples of %s", s.path("metric")).isEqualTo("420");
        assertThat(s.path("metric").path("cluster").asString()).isEqualTo("eu1");
        assertThat(s.path("metric").has("replica")).as("replica label kept only with dedup=false, %s", q)
            .isEqualTo(dedup.contains("dedup=false"));
      }
      // a closed 30m window that crosses the first block edge and lies inside the data (the data starts at a
      // wall-clock minute, so the edge may be less than 20 minutes after the first sample)
      long at = Math.max(firstBlockBoundary() + 10 * MINUTE, first + 30 * MINUTE);
      String raw = instant("http_requests_total{job=\"db\",instance=\"b\",code=\"200\"}[30m]", at) + dedup;
      JsonNode samples = storeAndSidecar.get(raw).path("data").path("result");
      assertThat(samples).as("%s", raw).hasSize(1);
      assertThat(samples.get(0).path("values")).as("raw samples across the block edge, closed 30m window")
          .hasSize(31);
    }
    assertThat(gatewayMeters.summary("thanos_bucket_store_series_blocks_queried").count())
        .as("the store gateway took part in the combined queries").isGreaterThan(before);
  }
}
