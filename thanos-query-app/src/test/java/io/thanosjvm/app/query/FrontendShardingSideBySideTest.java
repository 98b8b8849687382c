package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.promql.testkit.PromAnswers;
import io.thanosjvm.promql.testkit.PromDataSet;
import io.thanosjvm.promql.testkit.RandomPromql;
import io.thanosjvm.queryfrontend.Backoff;
import io.thanosjvm.queryfrontend.FrontendMetrics;
import io.thanosjvm.queryfrontend.HttpDownstream;
import io.thanosjvm.queryfrontend.QueryRangePipeline;
import io.thanosjvm.queryfrontend.QueryRangeSettings;
import io.thanosjvm.queryfrontend.QueryResponse;
import io.thanosjvm.queryfrontend.RangeHandler;
import io.thanosjvm.queryfrontend.RangeRequest;
import io.thanosjvm.queryfrontend.RequestHeaders;
import io.thanosjvm.queryfrontend.RetryingDownstream;
import io.thanosjvm.queryfrontend.ShardingAnalysis;
import io.thanosjvm.queryfrontend.ShardingAnalyzer;
import io.thanosjvm.queryfrontend.cache.InMemoryResponseCache;
import io.thanosjvm.store.VerticalShard;
import io.thanosjvm.store.bucket.StoreGateway;
import io.thanosjvm.store.bucket.StoreLimits;
import io.thanosjvm.store.cache.IndexCaches;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.tsdb.testing.Promtool;
import io.thanosjvm.wire.infopb.InfoRequest;
import io.thanosjvm.wire.infopb.InfoResponse;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vertical query sharding end to end: promtool blocks in a filesystem bucket, a store gateway, two real queriers
 * (one over the gateway, which filters Series by {@code shard_info} itself; one over the same gateway behind an
 * Info that does not advertise {@code supports_sharding}, so that querier filters) and the frontend's range
 * pipeline in front of each. On the side-by-side corpus, the sharded frontend answers byte for byte like the
 * unsharded one (cold and warm results cache), and the shards a querier answers are disjoint and together the whole
 * answer, so no shard can hide a missing filter behind the merge. Random expressions through the sharded frontend
 * answer like the querier and like a real Prometheus 2.42 on the same blocks.
 */
class FrontendShardingSideBySideTest {

  /** make-prom-blocks' default start, 2023-11-14T22:00:00Z, and six hours of data (crossing a day boundary). */
  private static final long START = 1_699_999_200_000L;
  private static final long END = START + 6 * 3_600_000L;
  private static final int SHARDS = 3;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final QueryRangeSettings SETTINGS = new QueryRangeSettings(Duration.ofHours(24), 3, Duration.ZERO,
      14, Duration.ofMinutes(1), true, true);

  private static Path tmp;
  private static Bucket bucket;
  private static StoreGateway gateway;
  private static Server grpc;
  private static Server legacyGrpc;
  private static org.springframework.context.ConfigurableApplicationContext query;
  private static org.springframework.context.ConfigurableApplicationContext legacyQuery;
  private static PrometheusServer prometheus;
  private static ExecutorService pool;
  private static List<String> corpus;

  @BeforeAll
  static void start() throws Exception {
    tmp = Files.createTempDirectory("frontend-sharding");
    Path blocks = Files.createDirectories(tmp.resolve("blocks"));
    Promtool.makeBlocks(blocks, "--series", "150", "--hours", "6", "--step", "30", "--churn", "--special");
    prometheus = PrometheusServer.start(Map.of(), blocks);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    bucket = new FilesystemBucket(Files.createDirectories(tmp.resolve("bucket")));
    BlockUploader uploader = new BlockUploader(bucket, Clock.systemUTC());
    for (Path b : Promtool.blocks(blocks)) {
      uploader.upload(b, new UploadOptions(Map.of(), "test", 0, false));
    }
    gateway = StoreGateway.create(bucket, IndexCaches.create(null, 16L << 20, meters),
        new StoreGateway.Settings(tmp.resolve("store"), Duration.ofMinutes(5), 4, 8, StoreLimits.NONE, 20,
            Long.MIN_VALUE, Long.MAX_VALUE, List.of(), Duration.ZERO, Duration.ofHours(24)), meters,
        Clock.systemUTC());
    assertThat(gateway.sync().loaded()).isEqualTo(3);
    grpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(gateway.store())
        .addService(gateway.info()).build().start();
    InfoService withoutSharding = new InfoService(() -> Optional.of(withoutSharding(gateway.info())));
    assertThat(withoutSharding(gateway.info()).getStore().getSupportsSharding()).isFalse();
    legacyGrpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(gateway.store())
        .addService(withoutSharding).build().start();
    query = startQuery(grpc.getPort());
    legacyQuery = startQuery(legacyGrpc.getPort());
    pool = Executors.newFixedThreadPool(8);
    try (var in = FrontendShardingSideBySideTest.class.getResourceAsStream("/side-by-side-corpus.promql")) {
      corpus = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(100);
  }

  private static InfoResponse withoutSharding(InfoService real) {
    AtomicReference<InfoResponse> got = new AtomicReference<>();
    real.info(InfoRequest.getDefaultInstance(), new StreamObserver<>() {
      @Override
      public void onNext(InfoResponse value) {
        got.set(value);
      }

      @Override
      public void onError(Throwable t) {
        throw new IllegalStateException(t);
      }

      @Override
      public void onCompleted() {}
    });
    InfoResponse r = got.get();
    return r.toBuilder().setStore(r.getStore().toBuilder().setSupportsSharding(false)).build();
  }

  private static org.springframework.context.ConfigurableApplicationContext startQuery(int grpcPort) {
    int[] exit = {0};
    return ThanosQueryApplication.run(ThanosCommandLine.prepare("query", new String[] {
        "--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0", "--endpoint=127.0.0.1:" + grpcPort},
        System.out, System.err, exit));
  }

  @AfterAll
  static void stop() throws Exception {
    pool.shutdownNow();
    legacyQuery.close();
    query.close();
    legacyGrpc.shutdownNow();
    grpc.shutdownNow();
    gateway.close();
    bucket.close();
    prometheus.close();
    Promtool.deleteTree(tmp);
  }

  private static URI url(org.springframework.context.ConfigurableApplicationContext app) {
    return URI.create("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
  }

  private static RangeHandler pipeline(URI querier, int shards, InMemoryResponseCache cache) {
    return pipeline(querier, SETTINGS, shards, cache);
  }

  private static RangeHandler pipeline(URI querier, QueryRangeSettings settings, int shards,
      InMemoryResponseCache cache) {
    FrontendMetrics metrics = new FrontendMetrics(new SimpleMeterRegistry());
    var downstream = new RetryingDownstream(new HttpDownstream(querier, Duration.ofMinutes(1)), settings.maxRetries(),
        Backoff.thanos(new Random(1)), n -> metrics.retries().increment());
    return QueryRangePipeline.build(settings, shards, downstream, cache, pool, Clock.systemUTC(), metrics);
  }

  private static Map<String, List<String>> params(String promql) {
    return params(promql, START, END, 300_000L);
  }

  private static Map<String, List<String>> params(String promql, long start, long end, long step) {
    Map<String, List<String>> p = new LinkedHashMap<>();
    p.put("query", List.of(promql));
    p.put("start", List.of(seconds(start)));
    p.put("end", List.of(seconds(end)));
    p.put("step", List.of(seconds(step)));
    return p;
  }

  private static String seconds(long ms) {
    return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format("%d.%03d", ms / 1000, ms % 1000);
  }

  private static String body(RangeHandler h, String promql) {
    QueryResponse r = h.handle(RangeRequest.parse(params(promql), true), RequestHeaders.NONE);
    return r.status() + " " + new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void shardedFrontendAnswersTheCorpusLikeTheUnshardedOneColdAndWarm() {
    for (var app : List.of(query, legacyQuery)) {
      RangeHandler unsharded = pipeline(url(app), 0, null);
      RangeHandler sharded = pipeline(url(app), SHARDS, new InMemoryResponseCache(64L << 20, 0, Duration.ZERO,
          Clock.systemUTC()));
      List<String> failures = new ArrayList<>();
      int shardable = 0;
      for (String promql : corpus) {
        if (ShardingAnalyzer.analyze(promql).shardable()) {
          shardable++;
        }
        String expected = body(unsharded, promql);
        String cold = body(sharded, promql);
        String warm = body(sharded, promql);
        if (!cold.equals(expected) || !warm.equals(expected)) {
          failures.add(promql + "\n    unsharded " + abbreviate(expected) + "\n    cold      " + abbreviate(cold)
              + "\n    warm      " + abbreviate(warm));
        }
      }
      assertThat(failures).as("sharded answers differing from unsharded ones through %s", url(app)).isEmpty();
      assertThat(shardable).as("corpus queries that shard").isGreaterThanOrEqualTo(20);
    }
  }

  @Test
  void eachShardAnswersItsOwnSeriesAndTogetherTheWhole() throws Exception {
    for (var app : List.of(query, legacyQuery)) {
      int checked = 0;
      for (String promql : corpus) {
        ShardingAnalysis a = ShardingAnalyzer.analyze(promql);
        if (!a.shardable()) {
          continue;
        }
        JsonNode whole = get(url(app), promql, null);
        Set<String> union = new HashSet<>();
        int total = 0;
        for (int i = 0; i < SHARDS; i++) {
          JsonNode part = get(url(app), promql, new VerticalShard(i, SHARDS, a.by(), a.labels()));
          for (JsonNode s : part.path("data").path("result")) {
            union.add(s.toString());
            total++;
          }
        }
        Set<String> expected = new HashSet<>();
        whole.path("data").path("result").forEach(s -> expected.add(s.toString()));
        assertThat(total).as("series over all shards of %s through %s (no series in two shards)", promql, url(app))
            .isEqualTo(union.size());
        assertThat(union).as("shards of %s through %s", promql, url(app)).isEqualTo(expected);
        checked += expected.isEmpty() ? 0 : 1;
      }
      assertThat(checked).as("shardable queries with data").isGreaterThanOrEqualTo(15);
    }
  }

  /**
   * Random expressions ({@link RandomPromql}) as range queries through the frontend (3 vertical shards, split by
   * day, in-memory results cache) in front of our querier, against Prometheus 2.42 asked directly on the same
   * blocks: with step alignment on (ranges on the step grid) and off (any start), each range asked cold, then an
   * overlapping range (partly from the cache), then the first range again (warm). Every frontend answer equals the
   * querier's own answer byte for byte, and Prometheus' answer ({@link PromAnswers}) wherever the querier's direct
   * answer does, and so does the querier's (a difference there is an engine bug, reported separately).
   */
  @Test
  void randomQueriesThroughTheFrontendAnswerLikePrometheusAlignedAndNotColdAndWarm() throws Exception {
    int perMode = Integer.getInteger("frontend.random.queries", 120);
    RandomPromql gen = new RandomPromql(19, PromDataSet.defaultStart(6));
    Random random = new Random(19);
    List<String> failures = new ArrayList<>();
    List<String> engine = new ArrayList<>();
    int compared = 0;
    int sharded = 0;
    for (boolean aligned : List.of(true, false)) {
      QueryRangeSettings settings = new QueryRangeSettings(Duration.ofHours(24), 3, Duration.ZERO, 14,
          Duration.ofMinutes(1), true, aligned);
      RangeHandler frontend = pipeline(url(query), settings, SHARDS, new InMemoryResponseCache(64L << 20, 0,
          Duration.ZERO, Clock.systemUTC()));
      for (int i = 0; i < perMode; i++) {
        String promql = gen.next();
        long step = (15 + random.nextInt(20) * 15) * 1000L;
        long start = START + random.nextInt(4 * 3600) * 1000L + (aligned ? 0 : random.nextInt(1000));
        if (aligned) {
          start -= Math.floorMod(start, step);
        }
        long end = Math.min(END, start + (30 + random.nextInt(100)) * step);
        long shift = (1 + random.nextInt(10)) * step;
        sharded += ShardingAnalyzer.analyze(promql).shardable() ? 1 : 0;
        for (long[] range : new long[][] {{start, end}, {start + shift, Math.min(END, end + shift)}, {start, end}}) {
          Map<String, List<String>> params = params(promql, range[0], range[1], step);
          String qs = "query=" + enc(promql) + "&start=" + seconds(range[0]) + "&end=" + seconds(range[1]) + "&step="
              + seconds(step);
          JsonNode theirs = PrometheusSideBySideTest.get(prometheus.url(), "/api/v1/query_range?" + qs);
          JsonNode direct = PrometheusSideBySideTest.get(url(query), "/api/v1/query_range?" + qs);
          QueryResponse r = frontend.handle(RangeRequest.parse(params, true), RequestHeaders.NONE);
          JsonNode through = JSON.readTree(r.body());
          compared++;
          String what = (aligned ? "aligned " : "any-range ") + promql + " " + qs;
          String vsQuerier = PromAnswers.difference(direct, through);
          if (vsQuerier != null) {
            failures.add(what + "\n    " + vsQuerier);
            continue;
          }
          String vsPrometheus = PromAnswers.difference(theirs, through);
          if (vsPrometheus != null) {
            engine.add(what + ": " + vsPrometheus);
          }
        }
      }
    }
    System.out.printf("random frontend differential: %d answers compared, %d expressions shardable, %d frontend "
        + "mismatches, %d where our querier itself differs from Prometheus%n", compared, sharded, failures.size(),
        engine.size());
    engine.stream().limit(10).forEach(e -> System.out.println("  querier vs Prometheus: " + e));
    assertThat(failures).as("frontend answers differing from the querier's").isEmpty();
    assertThat(sharded).as("generated expressions that shard").isGreaterThan(perMode / 10);
    assertThat(engine).as("querier answers differing from Prometheus").isEmpty();
  }

  private static JsonNode get(URI querier, String promql, VerticalShard shard) throws Exception {
    String q = "/api/v1/query_range?query=" + enc(promql) + "&start=" + START / 1000 + "&end=" + END / 1000
        + "&step=300" + (shard == null ? "" : "&shard_info=" + enc(shard.toJson()));
    JsonNode r = PrometheusSideBySideTest.get(querier, q);
    assertThat(r.path("status").asString()).as("%s answered %s", q, r).isEqualTo("success");
    return r;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
