package io.thanosjvm.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.promql.engine.Engine;
import io.thanosjvm.promql.engine.EngineOptions;
import io.thanosjvm.query.endpoint.EndpointSet;
import io.thanosjvm.query.proxy.ProxyStore;
import io.thanosjvm.store.bucket.StoreGateway;
import io.thanosjvm.store.bucket.StoreLimits;
import io.thanosjvm.store.cache.IndexCache;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.tsdb.testing.Promtool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cardinality explorer ({@code /api/v1/status/tsdb} on the querier) against Prometheus 2.42 over the same
 * promtool blocks (with churn): two store gateways share the middle block, so every series of it reaches the
 * querier twice and must count once; the counts per metric name, per label and per label pair equal Prometheus'
 * answers to {@code count by (...) (last_over_time({...}[range]))} over the whole data and over the first block alone.
 */
class CardinalityExplorerTest {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> LABELS = List.of("__name__", "job", "instance", "zone");

  private static Path tmp;
  private static PrometheusServer prometheus;
  private static final List<StoreGateway> gateways = new ArrayList<>();
  private static final List<Server> servers = new ArrayList<>();
  private static EndpointSet endpoints;
  private static final ExecutorService readers = Executors.newCachedThreadPool();
  private static QueryApi api;
  private static List<BlockMeta> blocks;

  @BeforeAll
  static void setUp() throws Exception {
    tmp = Files.createTempDirectory("cardinality");
    Path made = Files.createDirectories(tmp.resolve("blocks"));
    Promtool.makeBlocks(made, "--series", "120", "--hours", "6", "--step", "60", "--churn");
    List<Path> dirs = Promtool.blocks(made);
    assertThat(dirs).hasSize(3);
    prometheus = PrometheusServer.start(Map.of(), made);
    blocks = new ArrayList<>();
    for (Path d : dirs) {
      blocks.add(BlockMeta.read(d.resolve("meta.json")));
    }
    blocks.sort((x, y) -> Long.compare(x.minTime(), y.minTime()));
    List<String> addresses = new ArrayList<>();
    for (List<Integer> which : List.of(List.of(0, 1), List.of(1, 2))) {
      Path bucketDir = Files.createDirectories(tmp.resolve("bucket" + which));
      FilesystemBucket bucket = new FilesystemBucket(bucketDir);
      for (int i : which) {
        new BlockUploader(bucket, Clock.systemUTC()).upload(made.resolve(blocks.get(i).ulid()), new UploadOptions(
            Map.of("cluster", "a"), "sidecar", 0, true));
      }
      StoreGateway g = StoreGateway.create(bucket, IndexCache.none(), new StoreGateway.Settings(
          tmp.resolve("store" + which), Duration.ofHours(1), 2, 4, StoreLimits.NONE, 20, Long.MIN_VALUE,
          Long.MAX_VALUE, List.of(), Duration.ZERO, Duration.ofHours(24)), new SimpleMeterRegistry(),
          Clock.systemUTC());
      assertThat(g.sync().loaded()).isEqualTo(2);
      gateways.add(g);
      Server s = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(g.store())
          .addService(g.info()).build().start();
      servers.add(s);
      addresses.add("127.0.0.1:" + s.getPort());
    }
    endpoints = new EndpointSet(addresses, Duration.ofSeconds(10), List.of());
    endpoints.refresh();
    assertThat(endpoints.stores()).hasSize(2);
    ProxyStore proxy = new ProxyStore(endpoints::stores, readers, Duration.ofMinutes(1));
    api = new QueryApi(new Engine(EngineOptions.defaults()), proxy, InstantSource.system(), true);
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (endpoints != null) {
      endpoints.close();
    }
    servers.forEach(Server::shutdownNow);
    readers.shutdownNow();
    for (StoreGateway g : gateways) {
      g.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
    Promtool.deleteTree(tmp);
  }

  @Test
  void countsEqualPrometheusOverTheWholeData() throws Exception {
    compare(blocks.get(0).minTime(), blocks.get(2).maxTime() - 1);
  }

  @Test
  void countsEqualPrometheusOverTheFirstBlockAlone() throws Exception {
    // churn: some series start later, so fewer series live in the first block
    compare(blocks.get(0).minTime(), blocks.get(0).maxTime() - 1);
    assertThat(status(blocks.get(0).minTime(), blocks.get(0).maxTime() - 1, 10).path("headStats").path("numSeries")
        .asLong()).isLessThan(status(blocks.get(0).minTime(), blocks.get(2).maxTime() - 1, 10).path("headStats")
        .path("numSeries").asLong());
  }

  @Test
  void limitCutsTheListsAndBadParametersAreRefused() throws Exception {
    JsonNode data = status(blocks.get(0).minTime(), blocks.get(2).maxTime() - 1, 2);
    assertThat(data.path("seriesCountByMetricName")).hasSize(2);
    assertThat(data.path("seriesCountByLabelValuePair")).hasSize(2);
    ApiResponse bad = api.tsdbStatus(new ApiParams(Map.of("limit", List.of("0"))));
    assertThat(bad.httpStatus()).isEqualTo(400);
    assertThat(bad.json()).contains("limit must be a positive number");
  }

  private void compare(long start, long end) throws Exception {
    JsonNode data = status(start, end, 10_000);
    String range = "[" + (end - start) + "ms]";
    String all = "last_over_time({__name__=~\".+\"}" + range + ")";
    long total = (long) scalarOf(prom("count(" + all + ")", end));
    assertThat(data.path("headStats").path("numSeries").asLong()).isEqualTo(total);
    assertThat(total).isGreaterThan(50);

    assertThat(entries(data.path("seriesCountByMetricName"))).isEqualTo(vector(prom("count by (__name__) (" + all
        + ")", end), "__name__", ""));
    Map<String, Long> valueCounts = entries(data.path("labelValueCountByLabelName"));
    Map<String, Long> pairs = entries(data.path("seriesCountByLabelValuePair"));
    Map<String, Long> bytes = entries(data.path("memoryInBytesByLabelName"));
    for (String l : LABELS) {
      String having = "last_over_time({" + l + "!=\"\"}" + range + ")";
      Map<String, Long> theirs = vector(prom("count by (" + l + ") (" + having + ")", end), l, l + "=");
      assertThat(valueCounts.get(l)).as(l).isEqualTo((long) theirs.size());
      long theirBytes = 0;
      for (Map.Entry<String, Long> e : theirs.entrySet()) {
        assertThat(pairs.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        theirBytes += (e.getKey().length() - l.length() - 1) * e.getValue();
      }
      assertThat(bytes.get(l)).as(l).isEqualTo(theirBytes);
    }
    // the external label every block carries: one value, on every series
    assertThat(pairs.get("cluster=a")).isEqualTo(total);
  }

  private static JsonNode status(long start, long end, int limit) {
    ApiResponse r = api.tsdbStatus(new ApiParams(Map.of("start", List.of(seconds(start)), "end",
        List.of(seconds(end)), "limit", List.of(Integer.toString(limit)))));
    assertThat(r.httpStatus()).as(r.json()).isEqualTo(200);
    return JSON.readTree(r.json()).path("data");
  }

  private static String seconds(long ms) {
    return String.format(java.util.Locale.ROOT, "%.3f", ms / 1000.0);
  }

  private static JsonNode prom(String query, long time) throws IOException, InterruptedException {
    URI uri = URI.create(prometheus.url() + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
        + "&time=" + seconds(time));
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).path("data").path("result");
  }

  private static double scalarOf(JsonNode result) {
    return Double.parseDouble(result.get(0).path("value").get(1).asString());
  }

  /** A count-by vector as {prefix + label value: count}. */
  private static Map<String, Long> vector(JsonNode result, String label, String prefix) {
    Map<String, Long> out = new HashMap<>();
    for (JsonNode s : result) {
      out.put(prefix + s.path("metric").path(label).asString(), (long) Double.parseDouble(s.path("value").get(1)
          .asString()));
    }
    return out;
  }

  private static Map<String, Long> entries(JsonNode list) {
    Map<String, Long> out = new HashMap<>();
    for (JsonNode e : list) {
      out.put(e.path("name").asString(), e.path("value").asLong());
    }
    return out;
  }
}
