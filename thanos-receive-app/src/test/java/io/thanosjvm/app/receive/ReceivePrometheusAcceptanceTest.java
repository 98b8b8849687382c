package io.thanosjvm.app.receive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.thanosjvm.model.Labels;
import io.thanosjvm.rules.InstantQueryResponse;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import io.thanosjvm.tsdb.testing.Promtool;
import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.LabelMatcher;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The first acceptance: a real Prometheus 2.42 scraping itself every second with {@code remote_write} to
 * our receive (metadata sent too). For every series Prometheus holds, our StoreAPI returns exactly the samples it
 * holds up to a cut-off a few seconds in the past (bit-equal values; stale markers, which Prometheus' query API
 * hides, left out). Then the tenant's directory, copied while receive runs (what a SIGKILL leaves), is opened by
 * Prometheus 2.42 itself, which serves the same series.
 */
class ReceivePrometheusAcceptanceTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long STALE_NAN = 0x7ff0000000000002L;

  @TempDir Path tmp;

  @Test
  void everySampleOfAPrometheusRemoteWritingToReceiveIsServedAndTheTenantDirIsAPrometheusDataDir()
      throws Exception {
    ConfigurableApplicationContext app = ReceiveAppTest.start("--http-address=127.0.0.1:0",
        "--grpc-address=127.0.0.1:0", "--remote-write.address=127.0.0.1:0", "--tsdb.path=" + tmp.resolve("data"),
        "--label=receive_replica=\"r0\"");
    int grpcPort = Integer.parseInt(app.getEnvironment().getProperty("local.grpc.port"));
    int rw = ReceiveAppTest.remoteWritePort(app);
    String config = """
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
            metadata_config:
              send_interval: 2s
        """.formatted(rw);
    PrometheusServer prometheus = PrometheusServer.startWithConfig(config, null);
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext()
        .maxInboundMessageSize(256 << 20).build();
    PrometheusServer onTenantDir = null;
    try {
      Thread.sleep(12_000);
      long cut = System.currentTimeMillis() - 4_000;
      Map<Labels, List<long[]>> want = prometheusSamples(prometheus.url(), cut);
      assertThat(want).as("Prometheus scraped itself").hasSizeGreaterThan(100);
      Map<Labels, List<long[]>> got = Map.of();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        got = ourSamples(channel, cut);
        if (got.equals(want) || sameSamples(got, want)) {
          break;
        }
        Thread.sleep(1000);
      }
      assertSameSamples(got, want);
      long samples = want.values().stream().mapToLong(List::size).sum();
      System.out.printf("receive serves all %d series, %d samples Prometheus 2.42 holds up to its last flush%n",
          want.size(), samples);

      Path copy = tmp.resolve("copy");
      Promtool.copyTree(tmp.resolve("data/default-tenant"), copy.resolve("data"));
      onTenantDir = PrometheusServer.startWithConfig("global:\n  scrape_interval: 1h\n", copy.resolve("data"));
      Map<Labels, List<long[]>> replayed = prometheusSamples(onTenantDir.url(), cut);
      assertSameSamples(replayed, want);
    } finally {
      channel.shutdownNow();
      prometheus.close();
      if (onTenantDir != null) {
        onTenantDir.close();
      }
      app.close();
    }
  }

  @Test
  void aPrometheusDataDirPlacedAsTheDefaultTenantIsReplayedAndServed() throws Exception {
    PrometheusServer prometheus = PrometheusServer.start(Map.of());
    long now = System.currentTimeMillis() / 1000 * 1000;
    List<io.thanosjvm.wire.prompb.TimeSeries> write = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      long[] ts = new long[30];
      double[] vs = new double[30];
      for (int j = 0; j < 30; j++) {
        ts[j] = now - (30 - j) * 15_000L;
        vs[j] = i * 100 + j + 0.25;
      }
      write.add(PrometheusServer.series(new String[] {"__name__", "moved_metric", "i", Integer.toString(i)}, ts, vs));
    }
    prometheus.remoteWrite(write);
    Map<Labels, List<long[]>> want = prometheusSamples(prometheus.url(), now);
    assertThat(want).hasSize(50);
    prometheus.kill();
    Promtool.copyTree(prometheus.dir().resolve("data"), tmp.resolve("data/default-tenant"));
    ConfigurableApplicationContext app = ReceiveAppTest.start("--http-address=127.0.0.1:0",
        "--grpc-address=127.0.0.1:0", "--remote-write.address=127.0.0.1:0", "--tsdb.path=" + tmp.resolve("data"),
        "--label=receive_replica=\"r0\"");
    int grpcPort = Integer.parseInt(app.getEnvironment().getProperty("local.grpc.port"));
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    try {
      assertSameSamples(ourSamples(channel, now), want);
    } finally {
      channel.shutdownNow();
      app.close();
    }
  }

  /** Every sample Prometheus' query API returns with t <= cut, by series. */
  static Map<Labels, List<long[]>> prometheusSamples(URI base, long cut) throws Exception {
    String q = URLEncoder.encode("{__name__=~\".+\"}[1h]", StandardCharsets.UTF_8);
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v1/query?query=" + q + "&time="
        + (cut / 1000.0))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<Labels, List<long[]>> out = new TreeMap<>();
    for (JsonNode s : JSON.readTree(r.body()).path("data").path("result")) {
      Labels.Builder b = Labels.builder();
      s.path("metric").properties().forEach(e -> b.set(e.getKey(), e.getValue().asText()));
      List<long[]> samples = new ArrayList<>();
      for (JsonNode v : s.path("values")) {
        long t = Math.round(v.get(0).asDouble() * 1000);
        double value = InstantQueryResponse.parseValue(v.get(1).asText());
        samples.add(new long[] {t, Double.doubleToLongBits(value)});
      }
      out.put(b.build(), samples);
    }
    return out;
  }

  /** Every sample our StoreAPI returns with t <= cut (stale markers left out), by series without our labels. */
  static Map<Labels, List<long[]>> ourSamples(ManagedChannel channel, long cut) {
    Map<Labels, List<long[]>> out = new TreeMap<>();
    StoreGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS).series(SeriesRequest.newBuilder()
        .setMinTime(0).setMaxTime(cut).addMatchers(LabelMatcher.newBuilder().setType(LabelMatcher.Type.RE)
            .setName("__name__").setValue(".+")).build())
        .forEachRemaining((SeriesResponse r) -> {
          Labels.Builder b = Labels.builder();
          r.getSeries().getLabelsList().forEach(l -> b.set(l.getName(), l.getValue()));
          List<long[]> samples = new ArrayList<>();
          for (AggrChunk c : r.getSeries().getChunksList()) {
            XorIterator it = new XorIterator(c.getRaw().getData().toByteArray());
            while (it.next()) {
              if (it.atT() <= cut && it.atVBits() != STALE_NAN) {
                samples.add(new long[] {it.atT(), Double.doubleToLongBits(Double.longBitsToDouble(it.atVBits()))});
              }
            }
          }
          if (!samples.isEmpty()) {
            out.put(b.build().without(List.of("receive_replica", "tenant_id")), samples);
          }
        });
    return out;
  }

  private static boolean sameSamples(Map<Labels, List<long[]>> got, Map<Labels, List<long[]>> want) {
    if (!got.keySet().equals(want.keySet())) {
      return false;
    }
    for (Map.Entry<Labels, List<long[]>> e : want.entrySet()) {
      List<long[]> g = got.get(e.getKey());
      if (g.size() != e.getValue().size()) {
        return false;
      }
      for (int i = 0; i < g.size(); i++) {
        if (g.get(i)[0] != e.getValue().get(i)[0] || g.get(i)[1] != e.getValue().get(i)[1]) {
          return false;
        }
      }
    }
    return true;
  }

  private static void assertSameSamples(Map<Labels, List<long[]>> got, Map<Labels, List<long[]>> want) {
    assertThat(got.keySet()).as("series").containsExactlyInAnyOrderElementsOf(want.keySet());
    for (Map.Entry<Labels, List<long[]>> e : want.entrySet()) {
      List<String> w = e.getValue().stream().map(s -> s[0] + "=" + Double.longBitsToDouble(s[1])).toList();
      List<String> g = got.get(e.getKey()).stream().map(s -> s[0] + "=" + Double.longBitsToDouble(s[1])).toList();
      assertThat(g).as("samples of %s", e.getKey()).isEqualTo(w);
    }
  }
}
