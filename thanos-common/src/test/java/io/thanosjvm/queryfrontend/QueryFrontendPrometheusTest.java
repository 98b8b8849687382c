package io.thanosjvm.queryfrontend;

import static io.thanosjvm.queryfrontend.FrontendFixture.params;
import static io.thanosjvm.queryfrontend.testing.FrontendPrometheus.END;
import static io.thanosjvm.queryfrontend.testing.FrontendPrometheus.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.queryfrontend.FrontendFixture.Answer;
import io.thanosjvm.queryfrontend.testing.FrontendPrometheus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The range pipeline (no cache) in front of a real Prometheus 2.42 holding 76 hours of promtool blocks: range
 * queries over three day boundaries answer byte-for-byte what Prometheus answers directly, for the side-by-side
 * corpus with steps that do and do not divide 24h and unaligned start/end; the downstream receives one request
 * per day; 5xx and dropped connections are retried, 4xx is not; bad parameters get Prometheus' own errors.
 */
class QueryFrontendPrometheusTest {

  private static final long DAY = 86_400_000L;
  private static final long H = 3_600_000L;

  private static FrontendFixture aligned;
  private static FrontendFixture unaligned;

  @BeforeAll
  static void start() throws Exception {
    var prometheus = FrontendPrometheus.get();
    aligned = new FrontendFixture(prometheus.url(), QueryRangeSettings.DEFAULTS, null, Clock.systemUTC());
    unaligned = new FrontendFixture(prometheus.url(), new QueryRangeSettings(Duration.ofHours(24), 3,
        Duration.ofDays(4), 14, Duration.ofMinutes(1), true, false), null, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    aligned.close();
    unaligned.close();
  }

  static List<String> corpus() throws IOException {
    try (InputStream in = QueryFrontendPrometheusTest.class.getResourceAsStream("/side-by-side-corpus.promql")) {
      List<String> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.strip());
        }
      }
      return out;
    }
  }

  @Test
  void rangeQueriesAcrossDayBoundariesAnswerExactlyWhatPrometheusAnswers() throws Exception {
    String[] steps = {"60", "420", "3617", "1500", "90.5"};
    List<String> corpus = corpus();
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(100);
    int nonEmpty = 0;
    for (int i = 0; i < corpus.size(); i++) {
      String step = steps[i % steps.length];
      long start = START + 5 * H + 13_250 + i * 1000L;
      long end = END - 3 * H - 7_125;
      Map<String, List<String>> p = params(corpus.get(i), start, end, step);
      // unaligned start/end: the frontend without step alignment must match Prometheus exactly
      Answer viaFrontend = unaligned.frontend(p);
      Answer direct = unaligned.direct(p);
      assertThat(viaFrontend.status()).as("status of %s step %s", corpus.get(i), step).isEqualTo(direct.status());
      assertThat(viaFrontend.body()).as("%s step %s", corpus.get(i), step).isEqualTo(direct.body());
      if (direct.body().contains("\"values\"")) {
        nonEmpty++;
      }
    }
    assertThat(nonEmpty).as("expressions with data").isGreaterThan(corpus.size() * 3 / 4);
  }

  @Test
  void withStepAlignmentTheAnswerIsPrometheusAnswerForTheAlignedRange() throws Exception {
    String query = "sum by (job) (rate(demo_http_requests_total[5m]))";
    long step = 420_000;
    long start = START + 5 * H + 13_250;
    long end = END - 3 * H - 7_125;
    Answer viaFrontend = aligned.frontend(params(query, start, end, "420"));
    Answer direct = aligned.direct(params(query, start / step * step, end / step * step, "420"));
    assertThat(viaFrontend.status()).isEqualTo(200);
    assertThat(viaFrontend.body()).isEqualTo(direct.body());
  }

  @Test
  void queriesAtStartOrEndAreSentWholeAndAnswerLikePrometheus() throws Exception {
    unaligned.proxy.reset();
    List<String> queries = List.of("demo_memory_bytes @ end()", "rate(demo_http_requests_total[5m] @ start())",
        "max_over_time(demo_temperature_celsius[1h:5m] @ end()) - demo_temperature_celsius");
    for (String q : queries) {
      Map<String, List<String>> p = params(q, START + 5 * H + 13_250, END - 3 * H, "3617");
      Answer viaFrontend = unaligned.frontend(p);
      assertThat(viaFrontend.status()).isEqualTo(200);
      assertThat(viaFrontend.body()).as(q).isEqualTo(unaligned.direct(p).body());
    }
    assertThat(unaligned.proxy.seen("/api/v1/query_range")).as("one request each, not split").hasSize(3);
    assertThat(AtModifiers.of("demo_memory_bytes @ 1700010000 + on() group_left sum(x @ 1700020000.5)")
        .latestTimestamp()).isEqualTo(1_700_020_000_500L);
    assertThat(AtModifiers.of("sum(x @ 100").splittable()).isFalse();
    assertThat(AtModifiers.of("up").cacheable(0)).isTrue();
    assertThat(AtModifiers.of("up @ 100").cacheable(99_999)).isFalse();
  }

  @Test
  void theDownstreamReceivesOneRequestPerDayAlignedToDayBoundaries() {
    aligned.proxy.reset();
    double before = aligned.metric("thanos_frontend_split_queries_total");
    long start = START + 5 * H; // 2023-11-15T03:00Z
    long end = START + 2 * H + 3 * DAY - 1; // 2023-11-17T23:59:59.999Z
    Answer a = aligned.frontend(params("demo_memory_bytes", start, end, "3617"));
    assertThat(a.status()).isEqualTo(200);
    List<FaultInjectingProxySeen> seen = aligned.proxy.seen("/api/v1/query_range").stream()
        .map(s -> new FaultInjectingProxySeen(s.query())).toList();
    assertThat(seen).hasSize(3);
    assertThat(aligned.metric("thanos_frontend_split_queries_total") - before).isEqualTo(3);
    long dayStart = START + 2 * H; // 2023-11-15T00:00Z
    for (FaultInjectingProxySeen s : seen) {
      assertThat(Math.floorDiv(s.param("start"), DAY)).isEqualTo(Math.floorDiv(s.param("end"), DAY));
    }
    assertThat(seen.stream().mapToLong(s -> s.param("start")).sorted().boxed().toList())
        .allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(dayStart));
  }

  /** The start and end of one forwarded query string. */
  record FaultInjectingProxySeen(String query) {
    long param(String name) {
      for (String kv : query.split("&")) {
        if (kv.startsWith(name + "=")) {
          return MatrixJson.millis(kv.substring(name.length() + 1));
        }
      }
      throw new AssertionError(name + " missing in " + query);
    }
  }

  @Test
  void fiveHundredsAndDroppedConnectionsAreRetriedUntilSuccess() throws Exception {
    Map<String, List<String>> p = params("demo_temperature_celsius", START + 3 * H, START + 8 * H, "60");
    String expected = unaligned.direct(p).body();
    unaligned.proxy.reset();
    unaligned.proxy.failNext(2, 503);
    Answer a = unaligned.frontend(p);
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body()).isEqualTo(expected);
    assertThat(unaligned.proxy.attempts()).isEqualTo(3);

    // the JDK client itself repeats a GET once when the connection drops before an answer, so three drops
    // fail the frontend's first attempt (two drops) and the first try of its second attempt
    unaligned.proxy.reset();
    unaligned.proxy.failNext(3, 0);
    Answer b = unaligned.frontend(p);
    assertThat(b.status()).isEqualTo(200);
    assertThat(b.body()).isEqualTo(expected);
    assertThat(unaligned.proxy.attempts()).isEqualTo(4);
    assertThat(unaligned.metric("thanos_frontend_retries_total")).isGreaterThanOrEqualTo(3);
  }

  @Test
  void retriesExhaustedReturnTheLastServerErrorAndFourHundredsReturnAtOnce() throws Exception {
    Map<String, List<String>> p = params("demo_temperature_celsius", START + 3 * H, START + 8 * H, "60");
    unaligned.proxy.reset();
    unaligned.proxy.failNext(10, 503);
    Answer a = unaligned.frontend(p);
    assertThat(a.status()).isEqualTo(503);
    assertThat(a.body()).isEqualTo("{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"injected fault\"}");
    assertThat(unaligned.proxy.attempts()).as("max retries 3").isEqualTo(3);

    unaligned.proxy.reset();
    unaligned.proxy.failNext(10, 0);
    Answer dropped = unaligned.frontend(p);
    assertThat(dropped.status()).isEqualTo(500);
    assertThat(dropped.body()).startsWith("{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"downstream "
        + "unreachable: ");
    assertThat(unaligned.proxy.attempts()).as("3 attempts, each repeated once by the JDK client").isEqualTo(6);

    unaligned.proxy.reset();
    Map<String, List<String>> bad = params("sum(demo_memory_bytes", START + 3 * H, START + 8 * H, "60");
    Answer refused = unaligned.frontend(bad);
    Answer direct = unaligned.direct(bad);
    assertThat(refused.status()).isEqualTo(400).isEqualTo(direct.status());
    assertThat(refused.body()).isEqualTo(direct.body()).contains("\"errorType\":\"bad_data\"");
    assertThat(unaligned.proxy.attempts()).as("4xx is not retried").isEqualTo(1);
  }

  @Test
  void badParametersGetPrometheusOwnBadDataAnswersWithoutAnyDownstreamCall() throws Exception {
    unaligned.proxy.reset();
    List<Map<String, List<String>>> cases = List.of(
        params("up", START + 2 * H, START + H, "60"),
        params("up", START, START + H, "x"),
        params("up", START, START + H, "0"),
        params("up", START, START + H, "-5"),
        params("up", START, START + 3 * DAY, "15"),
        params("up", START, START + 3 * DAY, ""),
        params("up", Long.MIN_VALUE / 4, START, "60"));
    cases.get(6).put("start", List.of("yesterday"));
    for (Map<String, List<String>> p : cases) {
      Answer viaFrontend = unaligned.frontend(p);
      Answer direct = unaligned.direct(p);
      assertThat(viaFrontend.status()).as("%s", p).isEqualTo(400).isEqualTo(direct.status());
      assertThat(viaFrontend.body()).as("%s", p).isEqualTo(direct.body()).contains("\"errorType\":\"bad_data\"");
    }
    assertThat(unaligned.proxy.attempts()).isZero();
  }

  @Test
  void queriesLongerThanTheMaximumLengthAreRefused() {
    Answer a = unaligned.frontend(params("up", START, START + 5 * DAY, "3600"));
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.body()).isEqualTo("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"the query time range "
        + "exceeds the limit (query length: 5d, limit: 4d)\"}");
  }
}
