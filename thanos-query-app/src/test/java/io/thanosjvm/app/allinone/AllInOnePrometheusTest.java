package io.thanosjvm.app.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.model.Labels;
import io.thanosjvm.rules.InstantQueryResponse;
import io.thanosjvm.receive.RemoteWriteServer;
import io.thanosjvm.testing.PrometheusServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The all-in-one's acceptance: a real Prometheus 2.42 scraping itself every second remote-writes into it. Query
 * (its HTTP API, as Grafana asks) answers exactly the samples Prometheus holds up to a cut-off a few seconds in the
 * past (bit-equal values, every series), while receive's head cuts short blocks that are shipped to the bucket
 * (and served by the store gateway as well, so the querier merges both); the compactor iterates on its schedule;
 * probes, metrics and the blocks page answer on the one HTTP port.
 */
class AllInOnePrometheusTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path tmp;

  @Test
  void queryAnswersEverySamplePrometheusRemoteWroteBlocksReachTheBucketAndTheCompactorRuns() throws Exception {
    Path bucket = tmp.resolve("bucket");
    int[] exit = {0};
    String[] args = ThanosCommandLine.prepare("all-in-one", new String[] {"--http-address=127.0.0.1:0",
        "--grpc-address=127.0.0.1:0", "--remote-write.address=127.0.0.1:0", "--data-dir=" + tmp.resolve("data"),
        "--objstore.config={type: FILESYSTEM, config: {directory: '" + bucket + "'}}",
        // short head blocks, so some are cut and shipped within the test
        "--tsdb.min-block-duration=6s", "--tsdb.max-block-duration=6s", "--thanos.receive.maintenance-interval=2s",
        "--sync-block-duration=2s", "--wait-interval=1s", "--consistency-delay=0s",
        "--block-viewer.global.sync-block-interval=2s"},
        System.out, System.err, exit);
    assertThat(exit[0]).isZero();
    ConfigurableApplicationContext app = ThanosAllInOneApplication.run(args);
    int http = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    int rw = app.getBean(RemoteWriteServer.class).port();
    PrometheusServer prometheus = PrometheusServer.startWithConfig("""
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: prometheus
            static_configs:
              - targets: ['127.0.0.1:{{port}}']
        remote_write:
          - url: http://127.0.0.1:%d/api/v1/receive
            queue_config:
              batch_send_deadline: 1s
        """.formatted(rw), null);
    try {
      assertThat(get(http, "/-/ready").statusCode()).isEqualTo(200);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (shippedBlocks(bucket).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(1000);
      }
      List<BlockMeta> shipped = shippedBlocks(bucket);
      assertThat(shipped).as("blocks receive shipped to the bucket").isNotEmpty();
      assertThat(shipped).allSatisfy(m -> assertThat(m.thanos().orElseThrow().source()).isEqualTo("receive"));
      Thread.sleep(3000); // a store gateway sync (2s) later, it serves them too

      long cut = System.currentTimeMillis() - 4_000;
      Map<Labels, List<long[]>> want = samples(prometheus.url(), cut, false);
      assertThat(want).as("Prometheus scraped itself").hasSizeGreaterThan(100);
      Map<Labels, List<long[]>> got = Map.of();
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        got = samples(URI.create("http://127.0.0.1:" + http), cut, true);
        if (render(got).equals(render(want))) {
          break;
        }
        Thread.sleep(1000);
      }
      assertThat(got.keySet()).as("series").containsExactlyInAnyOrderElementsOf(want.keySet());
      assertThat(render(got)).isEqualTo(render(want));
      long n = want.values().stream().mapToLong(List::size).sum();
      System.out.printf("all-in-one: Query answers all %d series, %d samples Prometheus 2.42 holds; %d blocks shipped%n",
          want.size(), n, shippedBlocks(bucket).size());

      String metrics = get(http, "/metrics").body();
      assertThat(counter(metrics, "thanos_compact_iterations_total")).as("compactor iterations").isGreaterThan(1);
      assertThat(metrics).contains("thanos_receive_", "thanos_bucket_store_", "thanos_shipper_uploads_total");
      String blocks = get(http, "/api/v1/blocks").body();
      assertThat(blocks).contains(shipped.get(0).ulid());
      assertThat(get(http, "/blocks").statusCode()).isEqualTo(200);
      String stores = get(http, "/api/v1/stores").body();
      assertThat(stores).contains("receive", "store");
    } finally {
      prometheus.close();
      app.close();
    }
  }

  private static List<BlockMeta> shippedBlocks(Path bucket) throws Exception {
    if (!Files.isDirectory(bucket)) {
      return List.of();
    }
    List<BlockMeta> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(bucket)) {
      for (Path p : s.filter(p -> Files.exists(p.resolve(BlockMeta.FILE_NAME))).toList()) {
        out.add(BlockMeta.read(p.resolve(BlockMeta.FILE_NAME)));
      }
    }
    return out;
  }

  /** Every sample the query API returns for {@code {__name__=~".+"}[1h]} at {@code cut}, by series. */
  private static Map<Labels, List<long[]>> samples(URI base, long cut, boolean ours) throws Exception {
    String q = URLEncoder.encode("{__name__=~\".+\"}[1h]", StandardCharsets.UTF_8);
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v1/query?query=" + q + "&time="
        + (cut / 1000.0))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<Labels, List<long[]>> out = new TreeMap<>();
    for (JsonNode s : JSON.readTree(r.body()).path("data").path("result")) {
      Labels.Builder b = Labels.builder();
      s.path("metric").properties().forEach(e -> b.set(e.getKey(), e.getValue().asString()));
      if (ours) {
        b.delete("tenant_id"); // receive's tenant label
      }
      List<long[]> samples = new ArrayList<>();
      for (JsonNode v : s.path("values")) {
        long t = Math.round(v.get(0).asDouble() * 1000);
        double value = InstantQueryResponse.parseValue(v.get(1).asString());
        samples.add(new long[] {t, Double.doubleToLongBits(value)});
      }
      out.put(b.build(), samples);
    }
    return out;
  }

  private static Map<Labels, List<String>> render(Map<Labels, List<long[]>> samples) {
    Map<Labels, List<String>> out = new TreeMap<>();
    samples.forEach((k, v) -> out.put(k, v.stream().map(s -> s[0] + "=" + Double.longBitsToDouble(s[1])).toList()));
    return out;
  }

  private static double counter(String metrics, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? (\\S+)$").matcher(metrics);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(2));
    }
    return sum;
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
