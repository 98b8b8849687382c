package io.thanosjvm.queryfrontend;

import static io.thanosjvm.queryfrontend.testing.FrontendPrometheus.END;
import static io.thanosjvm.queryfrontend.testing.FrontendPrometheus.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.queryfrontend.MetadataRequest.Kind;
import io.thanosjvm.queryfrontend.cache.InMemoryResponseCache;
import io.thanosjvm.queryfrontend.testing.FaultInjectingProxy;
import io.thanosjvm.queryfrontend.testing.FrontendPrometheus;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Labels, label values and series through the frontend's metadata pipeline in front of a real Prometheus 2.42 with
 * three days of blocks: split by day (and by hour), the merged answers are byte for byte Prometheus' unsplit ones;
 * with a cache, a repeated request makes no downstream call, and the parts within the freshness window are asked
 * again.
 */
class MetadataPipelineTest {

  private static final long H = 3_600_000L;
  private static URI prometheus;
  private static ExecutorService pool;

  @BeforeAll
  static void start() throws Exception {
    prometheus = FrontendPrometheus.get().url();
    pool = Executors.newFixedThreadPool(4);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  private static Map<String, List<String>> params(long start, long end, String... match) {
    Map<String, List<String>> p = new LinkedHashMap<>();
    if (match.length > 0) {
      p.put("match[]", List.of(match));
    }
    p.put("start", List.of(FrontendFixture.seconds(start)));
    p.put("end", List.of(FrontendFixture.seconds(end)));
    return p;
  }

  private static String direct(String path, Map<String, List<String>> params) throws Exception {
    StringBuilder qs = new StringBuilder();
    params.forEach((k, vs) -> vs.forEach(v -> qs.append(qs.length() == 0 ? "" : "&")
        .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
    HttpResponse<String> r = FrontendFixture.HTTP.send(HttpRequest.newBuilder(URI.create(prometheus + path + "?"
        + qs)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  private static MetadataPipeline pipeline(FaultInjectingProxy proxy, long interval, InMemoryResponseCache cache,
      Clock clock) {
    return new MetadataPipeline(interval, new HttpDownstream(proxy.url(), Duration.ofMinutes(1)), cache,
        60_000L, new ParallelRunner(pool, 4), clock);
  }

  private static String frontend(MetadataPipeline p, Kind kind, String path, String label,
      Map<String, List<String>> params) {
    MetadataRequest r = MetadataRequest.parse(kind, path, label, params, 24 * H, END);
    DownstreamResponse a = p.handle(r, RequestHeaders.NONE);
    assertThat(a.status()).as(a.text()).isEqualTo(200);
    return a.text();
  }

  @Test
  void splitAnswersEqualPrometheusUnsplitOnes() throws Exception {
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(prometheus)) {
      for (long interval : new long[] {24 * H, H}) {
        MetadataPipeline p = pipeline(proxy, interval, null, Clock.systemUTC());
        for (long[] range : new long[][] {{START + 5 * H + 13_250, END - 3 * H}, {START, START + 90 * 60_000L},
            {START + 26 * H, START + 26 * H}}) {
          Map<String, List<String>> all = params(range[0], range[1]);
          Map<String, List<String>> matched = params(range[0], range[1], "demo_memory_bytes", "{zone=\"z1\"}");
          assertThat(frontend(p, Kind.LABEL_NAMES, "/api/v1/labels", "", all))
              .isEqualTo(direct("/api/v1/labels", all));
          assertThat(frontend(p, Kind.LABEL_NAMES, "/api/v1/labels", "", matched))
              .isEqualTo(direct("/api/v1/labels", matched));
          assertThat(frontend(p, Kind.LABEL_VALUES, "/api/v1/label/instance/values", "instance", matched))
              .isEqualTo(direct("/api/v1/label/instance/values", matched));
          assertThat(frontend(p, Kind.LABEL_VALUES, "/api/v1/label/__name__/values", "__name__", all))
              .isEqualTo(direct("/api/v1/label/__name__/values", all));
          String series = frontend(p, Kind.SERIES, "/api/v1/series", "", matched);
          assertThat(series).contains("demo_memory_bytes").isEqualTo(direct("/api/v1/series", matched));
        }
      }
      long days = proxy.seen("/api/v1/series").stream().count();
      assertThat(days).as("series parts asked (split)").isGreaterThan(6);
    }
  }

  @Test
  void aRepeatedRequestIsServedFromTheCacheExceptWithinTheFreshnessWindow() throws Exception {
    // now is 2023-11-18T00:59Z: the 17th is final, the 18th is not
    Clock now = Clock.fixed(Instant.ofEpochMilli(END - H), ZoneOffset.UTC);
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(prometheus)) {
      InMemoryResponseCache cache = new InMemoryResponseCache(16L << 20, 0, Duration.ZERO, now);
      MetadataPipeline p = pipeline(proxy, 24 * H, cache, now);
      Map<String, List<String>> old = params(START + 5 * H, START + 50 * H, "demo_memory_bytes");
      String first = frontend(p, Kind.SERIES, "/api/v1/series", "", old);
      int calls = proxy.seen("/api/v1/series").size();
      assertThat(calls).isEqualTo(3);
      String second = frontend(p, Kind.SERIES, "/api/v1/series", "", old);
      assertThat(second).isEqualTo(first).isEqualTo(direct("/api/v1/series", old));
      assertThat(proxy.seen("/api/v1/series")).as("no new downstream call").hasSize(calls);
      // a range ending after now minus the freshness: its last part is asked every time
      Map<String, List<String>> recent = params(START + 50 * H, END, "demo_memory_bytes");
      frontend(p, Kind.SERIES, "/api/v1/series", "", recent);
      int afterFirst = proxy.seen("/api/v1/series").size();
      assertThat(frontend(p, Kind.SERIES, "/api/v1/series", "", recent)).isEqualTo(direct("/api/v1/series", recent));
      assertThat(proxy.seen("/api/v1/series")).as("only the fresh part again").hasSize(afterFirst + 1);
      // another range within the same days shares no partial-day entry
      Map<String, List<String>> shifted = params(START + 6 * H, START + 50 * H, "demo_memory_bytes");
      assertThat(frontend(p, Kind.SERIES, "/api/v1/series", "", shifted))
          .isEqualTo(direct("/api/v1/series", shifted));
    }
  }

  @Test
  void splitsAtIntervalBoundariesOneMillisecondApart() {
    MetadataRequest r = MetadataRequest.parse(Kind.LABEL_NAMES, "/api/v1/labels", "", params(START, START + 49 * H),
        0, 0);
    List<MetadataRequest> parts = MetadataPipeline.split(r, 24 * H);
    assertThat(parts).hasSize(3);
    assertThat(parts.get(0).start()).isEqualTo(START);
    assertThat(parts.get(0).end()).isEqualTo(1_700_006_400_000L - 1);
    assertThat(parts.get(1).start()).isEqualTo(1_700_006_400_000L);
    assertThat(parts.get(2).end()).isEqualTo(START + 49 * H);
    // an end on a boundary is asked too (the range is inclusive)
    List<MetadataRequest> onBoundary = MetadataPipeline.split(r.withRange(START, START + 50 * H), 24 * H);
    assertThat(onBoundary).hasSize(4);
    assertThat(onBoundary.get(3).start()).isEqualTo(onBoundary.get(3).end());
    MetadataRequest unbounded = MetadataRequest.parse(Kind.LABEL_NAMES, "/api/v1/labels", "", Map.of(), 0, 0);
    assertThat(MetadataPipeline.split(unbounded, 24 * H)).containsExactly(unbounded);
  }
}
