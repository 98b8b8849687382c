package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.promql.testkit.PromAnswers;
import io.thanosjvm.promql.testkit.PromDataSet;
import io.thanosjvm.promql.testkit.RandomApiQueries;
import io.thanosjvm.store.bucket.StoreGateway;
import io.thanosjvm.store.bucket.StoreLimits;
import io.thanosjvm.store.cache.IndexCaches;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.tsdb.testing.Promtool;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The random-query differential (#19): seeded random PromQL over promtool blocks ({@link RandomApiQueries}), each
 * expression asked as an instant query at a random time and as a range query over a random span and step, of a
 * real Prometheus 2.42 holding the blocks in its TSDB and of our Query over our store gateway serving the same
 * blocks from a filesystem bucket; every answer must equal Prometheus' ({@link PromAnswers}: status, error type,
 * series, values within floating-point rounding). All differences are collected and reported together.
 *
 * <p>CI runs 300 expressions with a fixed seed; {@code -Dpromql.differential.count=N} and
 * {@code -Dpromql.differential.seed=S} run more or others. Timings are printed for information only (the bench's
 * {@code QueryDifferentialHarness} measures them).
 */
class RandomQueriesAnswerLikePrometheusTest {

  private static final int HOURS = 6;
  private static final PromDataSet DATA = PromDataSet.defaultStart(HOURS);

  private static Path tmp;
  private static PrometheusServer prometheus;
  private static FilesystemBucket bucket;
  private static StoreGateway gateway;
  private static Server grpc;
  private static org.springframework.context.ConfigurableApplicationContext query;
  private static int queryPort;

  @BeforeAll
  static void start() throws Exception {
    tmp = Files.createTempDirectory("random-differential");
    Path blocks = Files.createDirectories(tmp.resolve("blocks"));
    Promtool.makeBlocks(blocks, "--series", "60", "--hours", Integer.toString(HOURS), "--step", "30", "--churn",
        "--special");
    prometheus = PrometheusServer.start(Map.of(), blocks);
    bucket = new FilesystemBucket(Files.createDirectories(tmp.resolve("bucket")));
    BlockUploader uploader = new BlockUploader(bucket, Clock.systemUTC());
    for (Path b : Promtool.blocks(blocks)) {
      uploader.upload(b, new UploadOptions(Map.of(), "test", 0, false));
    }
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    gateway = StoreGateway.create(bucket, IndexCaches.create(null, 16L << 20, meters),
        new StoreGateway.Settings(tmp.resolve("store"), Duration.ofMinutes(5), 4, 8, StoreLimits.NONE, 20,
            Long.MIN_VALUE, Long.MAX_VALUE, List.of(), Duration.ZERO, Duration.ofHours(24)), meters,
        Clock.systemUTC());
    assertThat(gateway.sync().loaded()).isPositive();
    grpc = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(gateway.store())
        .addService(gateway.info()).build().start();
    int[] exit = {0};
    query = ThanosQueryApplication.run(ThanosCommandLine.prepare("query", new String[] {
        "--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0", "--endpoint=127.0.0.1:" + grpc.getPort()},
        System.out, System.err, exit));
    queryPort = Integer.parseInt(query.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (query != null) {
      query.close();
    }
    if (grpc != null) {
      grpc.shutdownNow();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (bucket != null) {
      bucket.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
    Promtool.deleteTree(tmp);
  }

  @Test
  void everyRandomQueryAnswersLikePrometheus() throws Exception {
    int count = Integer.getInteger("promql.differential.count", 300);
    long seed = Long.getLong("promql.differential.seed", 19);
    URI ours = URI.create("http://127.0.0.1:" + queryPort);
    List<String> queries = RandomApiQueries.of(seed, count, DATA);
    List<String> failures = new ArrayList<>();
    long theirsNanos = 0;
    long oursNanos = 0;
    int succeeded = 0;
    for (String q : queries) {
      long t0 = System.nanoTime();
      JsonNode theirs = PrometheusSideBySideTest.get(prometheus.url(), q);
      long t1 = System.nanoTime();
      JsonNode mine = PrometheusSideBySideTest.get(ours, q);
      long t2 = System.nanoTime();
      theirsNanos += t1 - t0;
      oursNanos += t2 - t1;
      if ("success".equals(theirs.path("status").asString())) {
        succeeded++;
      }
      String d = PromAnswers.difference(theirs, mine);
      if (d != null) {
        failures.add(java.net.URLDecoder.decode(q, StandardCharsets.UTF_8) + "\n    "
            + d.substring(0, Math.min(d.length(), 600)));
      }
    }
    System.out.printf("random differential: seed %d, %d queries (%d succeeded on Prometheus), Prometheus %.1f s,"
        + " ours %.1f s%n", seed, queries.size(), succeeded, theirsNanos / 1e9, oursNanos / 1e9);
    assertThat(failures).as("queries answered differently from Prometheus 2.42 (seed %d)", seed).isEmpty();
    assertThat(succeeded).as("queries Prometheus answered with data or success").isGreaterThan(queries.size() * 8 / 10);
  }
}
