package io.thanosjvm.queryfrontend;

import static io.thanosjvm.queryfrontend.FrontendFixture.params;
import static io.thanosjvm.queryfrontend.testing.FrontendPrometheus.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.thanosjvm.queryfrontend.FrontendFixture.Answer;
import io.thanosjvm.queryfrontend.cache.InMemoryResponseCache;
import io.thanosjvm.queryfrontend.cache.InstrumentedResponseCache;
import io.thanosjvm.queryfrontend.cache.ResponseCache;
import io.thanosjvm.queryfrontend.cache.ResponseCacheConfigParser;
import io.thanosjvm.queryfrontend.cache.ResponseCaches;
import io.thanosjvm.queryfrontend.testing.FaultInjectingProxy;
import io.thanosjvm.queryfrontend.testing.FrontendPrometheus;
import io.thanosjvm.cacheutil.CacheServerProcess;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The results cache in front of a real Prometheus 2.42: a repeated query is served without a downstream call, a
 * later overlapping range fetches only what is missing, the freshness window is never cached, {@code dedup=false},
 * {@code storeMatch[]} and {@code Cache-Control: no-store} answers are not cached; the same with real memcached
 * and Redis servers.
 */
class ResultsCacheTest {

  private static final long H = 3_600_000L;
  private static final long DAY1 = START + 2 * H; // 2023-11-15T00:00Z
  private static final String QUERY = "sum by (zone) (rate(demo_cpu_seconds_total[5m]))";
  private static final QueryRangeSettings SETTINGS = new QueryRangeSettings(Duration.ofHours(24), 3, Duration.ZERO,
      4, Duration.ofMinutes(1), true, true);

  private static URI prometheus;

  @BeforeAll
  static void start() throws Exception {
    prometheus = FrontendPrometheus.get().url();
  }

  private static FrontendFixture fixture(ResponseCache cache, Clock clock) throws Exception {
    return new FrontendFixture(prometheus, SETTINGS, cache, clock);
  }

  private static InMemoryResponseCache memory(Clock clock) {
    return new InMemoryResponseCache(64L << 20, 0, Duration.ZERO, clock);
  }

  private static int rangeCalls(FaultInjectingProxy proxy) {
    return proxy.seen("/api/v1/query_range").size();
  }

  @Test
  void aRepeatedQueryIsServedFromTheCacheWithoutAnyDownstreamCall() throws Exception {
    Clock clock = Clock.systemUTC();
    PrometheusMeterRegistry cacheMetrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ResponseCache cache = new InstrumentedResponseCache(memory(clock), ResponseCaches.QUERY_RANGE_NAME, cacheMetrics);
    try (FrontendFixture f = fixture(cache, clock)) {
      Map<String, List<String>> p = params(QUERY, DAY1 + 5 * H, DAY1 + 2 * 86_400_000L + 12 * H, "300");
      Answer first = f.frontend(p);
      assertThat(rangeCalls(f.proxy)).isEqualTo(3);
      Answer second = f.frontend(p);
      assertThat(rangeCalls(f.proxy)).as("no new downstream call").isEqualTo(3);
      assertThat(second).isEqualTo(first);
      assertThat(second.body()).isEqualTo(f.direct(p).body());
      assertThat(cacheMetrics.scrape()).contains("cortex_cache_hits_total{name=\"frontend-cache\"} 3.0")
          .contains("cortex_cache_fetched_keys_total{name=\"frontend-cache\"} 6.0")
          .contains("cortex_cache_request_duration_seconds_count{method=\"fetch\",name=\"frontend-cache\","
              + "status_code=\"200\"} 6");
    }
  }

  @Test
  void aLaterOverlappingRangeFetchesOnlyTheMissingPart() throws Exception {
    Clock clock = Clock.systemUTC();
    try (FrontendFixture f = fixture(memory(clock), clock)) {
      long day3 = DAY1 + 2 * 86_400_000L;
      f.frontend(params(QUERY, DAY1 + 5 * H, day3 + 12 * H, "300"));
      f.proxy.reset();
      Map<String, List<String>> later = params(QUERY, DAY1 + 5 * H, day3 + 20 * H, "300");
      Answer a = f.frontend(later);
      List<FaultInjectingProxy.Seen> seen = f.proxy.seen("/api/v1/query_range");
      assertThat(seen).hasSize(1);
      assertThat(seen.get(0).query()).contains("start=" + (day3 + 12 * H) / 1000 + "&")
          .contains("end=" + (day3 + 20 * H) / 1000 + "&");
      assertThat(a.body()).isEqualTo(f.direct(later).body());

      f.proxy.reset();
      Map<String, List<String>> earlier = params(QUERY, DAY1 + 2 * H, DAY1 + 8 * H, "300");
      Answer b = f.frontend(earlier);
      assertThat(f.proxy.seen("/api/v1/query_range")).singleElement().satisfies(s -> assertThat(s.query())
          .contains("start=" + (DAY1 + 2 * H) / 1000 + "&").contains("end=" + (DAY1 + 5 * H) / 1000 + "&"));
      assertThat(b.body()).isEqualTo(f.direct(earlier).body());
    }
  }

  @Test
  void unalignedRangesWithAnotherStartPhaseNeverReuseTheFirstOnesGrid() throws Exception {
    // Thanos' and Cortex' extents mix step grids here: the second answer came back on the first query's grid
    QueryRangeSettings unaligned = new QueryRangeSettings(Duration.ofHours(24), 3, Duration.ZERO, 4,
        Duration.ofMinutes(1), true, false);
    Clock clock = Clock.systemUTC();
    try (FrontendFixture f = new FrontendFixture(prometheus, unaligned, memory(clock), clock)) {
      Map<String, List<String>> first = params(QUERY, DAY1 + 5 * H + 432, DAY1 + 11 * H, "137");
      assertThat(f.frontend(first).body()).isEqualTo(f.direct(first).body());
      Map<String, List<String>> shifted = params(QUERY, DAY1 + 5 * H + 50_432, DAY1 + 11 * H, "137");
      Answer second = f.frontend(shifted);
      assertThat(second.body()).as("the shifted start's own grid").isEqualTo(f.direct(shifted).body());
      f.proxy.reset();
      assertThat(f.frontend(first).body()).as("the first grid is still cached").isEqualTo(f.direct(first).body());
      assertThat(f.proxy.seen("/api/v1/query_range")).as("served from the cache").isEmpty();
    }
  }

  @Test
  void resultsInsideTheFreshnessWindowAreNeverCached() throws Exception {
    long day3 = DAY1 + 2 * 86_400_000L;
    Clock clock = Clock.fixed(Instant.ofEpochMilli(day3 + 12 * H + 30 * 60_000L), ZoneOffset.UTC);
    QueryRangeSettings fresh = new QueryRangeSettings(Duration.ofHours(24), 3, Duration.ZERO, 4, Duration.ofHours(1),
        true, true);
    try (FrontendFixture f = new FrontendFixture(prometheus, fresh, memory(clock), clock)) {
      Map<String, List<String>> p = params(QUERY, day3, day3 + 12 * H, "300");
      Answer first = f.frontend(p);
      f.proxy.reset();
      Answer second = f.frontend(p);
      assertThat(second).isEqualTo(first);
      assertThat(f.proxy.seen("/api/v1/query_range")).as("only the last hour is asked again").singleElement()
          .satisfies(s -> assertThat(s.query()).contains("start=" + (day3 + 11 * H + 30 * 60_000L) / 1000 + "&"));

      Map<String, List<String>> recent = params(QUERY, day3 + 11 * H + 40 * 60_000L, day3 + 12 * H, "300");
      f.frontend(recent);
      f.frontend(recent);
      assertThat(f.proxy.seen("/api/v1/query_range")).as("a range starting inside the window is never cached")
          .hasSize(3);
    }
  }

  @Test
  void queriesAtEndOrAtATimestampInsideTheFreshnessWindowAreNotCached() throws Exception {
    long day3 = DAY1 + 2 * 86_400_000L;
    Clock clock = Clock.fixed(Instant.ofEpochMilli(day3 + 12 * H + 30 * 60_000L), ZoneOffset.UTC);
    QueryRangeSettings fresh = new QueryRangeSettings(Duration.ofHours(24), 3, Duration.ZERO, 4, Duration.ofHours(1),
        true, true);
    try (FrontendFixture f = new FrontendFixture(prometheus, fresh, memory(clock), clock)) {
      List<String> queries = List.of("demo_memory_bytes @ end()", "demo_memory_bytes @ " + (day3 + 12 * H) / 1000,
          "demo_memory_bytes @ " + (DAY1 + 3 * H) / 1000);
      List<Integer> expectedCalls = List.of(2, 2, 1);
      for (int i = 0; i < queries.size(); i++) {
        f.proxy.reset();
        Map<String, List<String>> p = params(queries.get(i), DAY1 + H, DAY1 + 6 * H, "60");
        Answer a = f.frontend(p);
        Answer b = f.frontend(p);
        assertThat(b).isEqualTo(a);
        assertThat(a.body()).isEqualTo(f.direct(p).body());
        assertThat(rangeCalls(f.proxy)).as(queries.get(i)).isEqualTo(expectedCalls.get(i));
      }
    }
  }

  @Test
  void dedupFalseStoreMatchAndNoStoreAnswersAreNotCached() throws Exception {
    Clock clock = Clock.systemUTC();
    try (FrontendFixture f = fixture(memory(clock), clock)) {
      Map<String, List<String>> noDedup = params(QUERY, DAY1 + H, DAY1 + 6 * H, "60");
      noDedup.put("dedup", List.of("false"));
      Map<String, List<String>> storeMatch = params(QUERY, DAY1 + H, DAY1 + 6 * H, "60");
      storeMatch.put("storeMatch[]", List.of("{__address__=\"x\"}"));
      for (Map<String, List<String>> p : List.of(noDedup, storeMatch)) {
        f.proxy.reset();
        Answer a = f.frontend(p);
        Answer b = f.frontend(p);
        assertThat(b).isEqualTo(a);
        assertThat(rangeCalls(f.proxy)).as("%s", p).isEqualTo(2);
      }
      f.proxy.reset();
      f.proxy.addResponseHeader("Cache-Control", "no-store");
      Map<String, List<String>> p = params(QUERY, DAY1 + H, DAY1 + 7 * H, "60");
      f.frontend(p);
      f.proxy.addResponseHeader("Cache-Control", null);
      f.frontend(p);
      f.frontend(p);
      assertThat(rangeCalls(f.proxy)).as("no-store answer not cached, the next one is").isEqualTo(2);
    }
  }

  @Test
  void memcachedAndRedisServeARepeatedQueryWithoutDownstreamCalls() throws Exception {
    try (CacheServerProcess memcached = CacheServerProcess.memcached();
        CacheServerProcess redis = CacheServerProcess.redis("s3cret")) {
      for (String yaml : List.of(
          "type: MEMCACHED\nconfig:\n  addresses: [\"" + memcached.address() + "\"]\n  expiration: 1h\n",
          "type: REDIS\nconfig:\n  addr: " + redis.address() + "\n  password: s3cret\n")) {
        Clock clock = Clock.systemUTC();
        ResponseCache cache = ResponseCaches.create(ResponseCacheConfigParser.parse(yaml).orElseThrow(),
            ResponseCaches.QUERY_RANGE_NAME, new SimpleMeterRegistry(), clock);
        try (cache; FrontendFixture f = fixture(cache, clock)) {
          Map<String, List<String>> p = params(QUERY, DAY1 + 5 * H, DAY1 + 86_400_000L + 12 * H, "300");
          Answer first = f.frontend(p);
          assertThat(rangeCalls(f.proxy)).isEqualTo(2);
          RangeRequest r = StepAlign.align(RangeRequest.parse(p, true));
          List<String> keys = SplitByInterval.split(r, 86_400_000L).stream()
              .map(s -> CacheKey.of(s, RequestHeaders.DEFAULT_TENANT, 86_400_000L)).toList();
          long deadline = System.nanoTime() + 10_000_000_000L;
          while (cache.fetch(keys).size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20); // writes are asynchronous
          }
          Answer second = f.frontend(p);
          assertThat(rangeCalls(f.proxy)).as(yaml).isEqualTo(2);
          assertThat(second).isEqualTo(first);
          assertThat(second.body()).isEqualTo(f.direct(p).body());
        }
      }
    }
  }
}
