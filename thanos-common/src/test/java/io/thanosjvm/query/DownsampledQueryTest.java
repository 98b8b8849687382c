package io.thanosjvm.query;

import static io.thanosjvm.query.DownsampledBucket.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.thanosjvm.api.ApiParams;
import io.thanosjvm.api.ApiResponse;
import io.thanosjvm.api.DownsamplingParams;
import io.thanosjvm.api.QueryApi;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.MatchType;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.promql.engine.Engine;
import io.thanosjvm.promql.engine.EngineOptions;
import io.thanosjvm.promql.storage.SelectHints;
import io.thanosjvm.promql.storage.SeriesSet;
import io.thanosjvm.wire.storepb.PartialResponseStrategy;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PromQL over raw, 5m and 1h blocks of the same generated data, served by an in-process store gateway behind the
 * querier's proxy: at {@code max_source_resolution=5m/1h} every answer equals what Thanos' rules give when computed
 * here directly from the raw samples (per-window count/sum/min/max, averages of window averages, window counts for
 * {@code count_over_time}, reset-compensated counters), {@code rate}/{@code increase} stay close to the raw answer,
 * {@code auto} picks 5m for a wide step and {@code 0s} reads raw data only.
 *
 * <p>Evaluation times and ranges are multiples of the resolution: a window's sample then lies inside the range
 * exactly when the whole window does (its timestamp is between the window's last raw sample and its end).
 */
class DownsampledQueryTest {

  private static final long RES_5M = 300_000;
  private static final long RES_1H = 3_600_000;
  private static final long FROM = START + 6 * RES_1H;
  private static final long TO = START + 42 * RES_1H;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static DownsampledBucket bucket;

  @BeforeAll
  static void setUp() throws Exception {
    bucket = new DownsampledBucket();
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (bucket != null) {
      bucket.close();
    }
  }

  private static QueryApi api(StoreGrpc.StoreImplBase store) {
    return api(store, DownsamplingParams.defaults());
  }

  private static QueryApi api(StoreGrpc.StoreImplBase store, DownsamplingParams downsampling) {
    return new QueryApi(new Engine(EngineOptions.defaults()), store, InstantSource.fixed(
        java.time.Instant.ofEpochMilli(TO)), false, List.of(), downsampling);
  }

  private static JsonNode ok(ApiResponse r) {
    JsonNode root = JSON.readTree(r.json());
    assertThat(root.path("status").asString()).as(r.json()).isEqualTo("success");
    return root.path("data").path("result");
  }

  private static JsonNode range(StoreGrpc.StoreImplBase store, String q, long from, long to, long step,
      String resolution) {
    return range(api(store), q, from, to, step, resolution);
  }

  private static JsonNode range(QueryApi api, String q, long from, long to, long step, String resolution) {
    return ok(api.queryRange(new ApiParams(rangeParams(q, from, to, step, resolution))));
  }

  private static Map<String, List<String>> rangeParams(String q, long from, long to, long step, String resolution) {
    Map<String, List<String>> p = new HashMap<>();
    p.put("query", List.of(q));
    p.put("start", List.of(Double.toString(from / 1000.0)));
    p.put("end", List.of(Double.toString(to / 1000.0)));
    p.put("step", List.of(Double.toString(step / 1000.0)));
    if (resolution != null) {
      p.put("max_source_resolution", List.of(resolution));
    }
    return p;
  }

  private static JsonNode instant(String q, long time, String resolution) {
    return ok(api(bucket.proxy).query(new ApiParams(Map.of("query", List.of(q), "time",
        List.of(Double.toString(time / 1000.0)), "max_source_resolution", List.of(resolution)))));
  }

  /** A series' identity in answers: its labels without the metric name. */
  private static String key(Labels l) {
    return l.withoutMetricName().toString();
  }

  private static String key(JsonNode metric) {
    Labels.Builder b = Labels.builder();
    metric.properties().forEach(e -> b.set(e.getKey(), e.getValue().asString()));
    return key(b.build());
  }

  /** Per-window aggregates of the raw samples at resolution {@code res}: window start to {count, sum, min, max}. */
  private static Map<Long, double[]> windows(Labels series, long res) {
    long[] ts = bucket.rawTs.get(series);
    double[] vs = bucket.raw.get(series);
    Map<Long, double[]> out = new HashMap<>();
    for (int i = 0; i < ts.length; i++) {
      double[] w = out.computeIfAbsent(ts[i] - ts[i] % res,
          k -> new double[] {0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
      w[0]++;
      w[1] += vs[i];
      w[2] = Math.min(w[2], vs[i]);
      w[3] = Math.max(w[3], vs[i]);
    }
    return out;
  }

  /** Thanos' answer at {@code t} from the windows fully inside [t - range, t]. */
  private static double expected(String function, Map<Long, double[]> w, long res, long t, long range) {
    if (function.isEmpty()) {
      double[] last = w.get(t - res);
      return last[1] / last[0];
    }
    double count = 0;
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double avgSum = 0;
    for (long s = t - range; s + res <= t; s += res) {
      double[] a = w.get(s);
      count++;
      sum += a[1];
      min = Math.min(min, a[2]);
      max = Math.max(max, a[3]);
      avgSum += a[1] / a[0];
    }
    return switch (function) {
      case "sum_over_time" -> sum;
      case "min_over_time" -> min;
      case "max_over_time" -> max;
      case "count_over_time" -> count; // the number of windows: Thanos counts the COUNT aggregate's samples
      case "avg_over_time" -> avgSum / count; // the average of window averages
      default -> throw new IllegalArgumentException(function);
    };
  }

  @ParameterizedTest(name = "{0}({1}) at {2}")
  @CsvSource({
      "sum_over_time, gen_memory_bytes, 5m, 1800000, 300000",
      "min_over_time, gen_memory_bytes, 5m, 1800000, 300000",
      "max_over_time, gen_temperature_celsius, 5m, 1800000, 300000",
      "count_over_time, gen_memory_bytes, 5m, 1800000, 300000",
      "avg_over_time, gen_temperature_celsius, 5m, 1800000, 300000",
      "'', gen_memory_bytes, 5m, 0, 300000",
      "sum_over_time, gen_cpu_seconds_total, 1h, 10800000, 3600000",
      "min_over_time, gen_temperature_celsius, 1h, 10800000, 3600000",
      "max_over_time, gen_memory_bytes, 1h, 10800000, 3600000",
      "count_over_time, gen_temperature_celsius, 1h, 10800000, 3600000",
      "avg_over_time, gen_memory_bytes, 1h, 10800000, 3600000",
      "'', gen_temperature_celsius, 1h, 0, 3600000"})
  void windowAggregatesEqualThanosRulesAppliedToTheRawSamples(String function, String metric, String resolution,
      long rangeMillis, long res) {
    String q = function.isEmpty() ? metric : function + "(" + metric + "[" + rangeMillis / 1000 + "s])";
    long step = res == RES_5M ? 15 * RES_5M : RES_1H;
    JsonNode result = range(bucket.proxy, q, FROM, TO, step, resolution);
    List<Labels> series = bucket.series(metric);
    assertThat(result.size()).as(q).isEqualTo(series.size());
    Map<String, Labels> byKey = new HashMap<>();
    series.forEach(l -> byKey.put(key(l), l));
    int points = 0;
    for (JsonNode s : result) {
      Labels l = byKey.get(key(s.path("metric")));
      assertThat((Object) l).as("series %s", s.path("metric")).isNotNull();
      Map<Long, double[]> w = windows(l, res);
      for (JsonNode p : s.path("values")) {
        long t = Math.round(p.get(0).asDouble() * 1000);
        double got = Double.parseDouble(p.get(1).asString());
        double want = expected(function, w, res, t, rangeMillis);
        assertThat(got).as("%s %s at %d", q, l, t).isCloseTo(want, within(Math.abs(want) * 1e-12));
        points++;
      }
    }
    assertThat(points).isEqualTo(series.size() * (int) ((TO - FROM) / step + 1));
  }

  @Test
  void theDynamicLookbackDeltaKeepsHourlyDataVisibleBetweenHourlySamples() {
    // step 30m at 1h resolution: at hh:30 the newest sample is the previous window's, about 31 minutes old
    Labels series = bucket.series("gen_memory_bytes").get(0);
    Map<Long, double[]> w = windows(series, RES_1H);
    String q = "gen_memory_bytes{instance=\"" + series.get("instance") + "\"}";
    JsonNode dynamic = range(bucket.proxy, q, FROM, FROM + 6 * RES_1H, RES_1H / 2, "1h");
    assertThat(dynamic.size()).isEqualTo(1);
    assertThat(dynamic.get(0).path("values").size()).isEqualTo(13);
    for (JsonNode p : dynamic.get(0).path("values")) {
      long t = Math.round(p.get(0).asDouble() * 1000);
      double[] last = w.get(t / RES_1H * RES_1H - RES_1H);
      double want = last[1] / last[0];
      assertThat(Double.parseDouble(p.get(1).asString())).as("at %d", t).isCloseTo(want, within(want * 1e-12));
    }
    JsonNode fixed = range(api(bucket.proxy, new DownsamplingParams(false, Duration.ZERO, false)), q, FROM,
        FROM + 6 * RES_1H, RES_1H / 2, "1h");
    assertThat(fixed.get(0).path("values").size()).as("5m lookback: only the full hours").isEqualTo(7);
  }

  @Test
  void theLookbackDeltaParameterOverridesTheEnginesLookback() {
    Labels series = bucket.series("gen_memory_bytes").get(0);
    String q = "gen_memory_bytes{instance=\"" + series.get("instance") + "\"}";
    QueryApi fixedLookback = api(bucket.proxy, new DownsamplingParams(false, Duration.ZERO, false));
    Map<String, List<String>> p = rangeParams(q, FROM, FROM + 6 * RES_1H, RES_1H / 2, "1h");
    p.put("lookback_delta", List.of("61m"));
    JsonNode wide = ok(fixedLookback.queryRange(new ApiParams(p)));
    assertThat(wide.get(0).path("values")).as("61m reaches the previous hourly sample from hh:30")
        .isEqualTo(range(bucket.proxy, q, FROM, FROM + 6 * RES_1H, RES_1H / 2, "1h").get(0).path("values"))
        .hasSize(13);
    p.put("lookback_delta", List.of("1s"));
    JsonNode narrow = ok(api(bucket.proxy).queryRange(new ApiParams(p)));
    assertThat(narrow.get(0).path("values").size()).as("1s wins over the dynamic lookback delta")
        .isLessThan(13);
    p.put("lookback_delta", List.of("soon"));
    JsonNode error = JSON.readTree(fixedLookback.queryRange(new ApiParams(p)).json());
    assertThat(error.path("errorType").asString()).isEqualTo("bad_data");
    assertThat(error.path("error").asString())
        .isEqualTo("'lookback_delta' parameter: cannot parse \"soon\" to a valid duration");
  }

  @Test
  void instantQueriesTakeTheirResolutionFromTheParameter() {
    long t = START + 20 * RES_1H;
    assertThat(instant("count_over_time(gen_memory_bytes[3h])", t, "1h").get(0).path("value").get(1).asString())
        .isEqualTo("3");
    assertThat(instant("count_over_time(gen_memory_bytes[3h])", t, "5m").get(0).path("value").get(1).asString())
        .isEqualTo("36");
    assertThat(instant("count_over_time(gen_memory_bytes[3h])", t, "0s").get(0).path("value").get(1).asString())
        .isEqualTo("181");
  }

  @Test
  void autoPicksFiveMinutesForAWideStepAndZeroReadsRawOnly() {
    String q = "count_over_time(gen_memory_bytes[1h])";
    // step 30m: auto = 6m, so 5m windows (12 an hour); step 10m: auto = 2m, raw (61 samples in [t - 1h, t])
    assertThat(values(range(bucket.proxy, q, FROM, FROM + 6 * RES_1H, 6 * RES_5M, "auto"))).containsOnly("12");
    assertThat(values(range(bucket.proxy, q, FROM, FROM + 6 * RES_1H, 2 * RES_5M, "auto"))).containsOnly("61");
    assertThat(values(range(bucket.proxy, q, FROM, FROM + 6 * RES_1H, 6 * RES_5M, "0s"))).containsOnly("61");
    assertThat(values(range(bucket.proxy, q, FROM, FROM + 6 * RES_1H, 6 * RES_5M, null))).containsOnly("61");
    assertThat(values(range(bucket.proxy, q, FROM, FROM + 6 * RES_1H, 6 * RES_5M, "1h"))).containsOnly("1");
  }

  @Test
  void aStackedQuerierPassesTheWindowThroughItsStoreApi() {
    String q = "count_over_time(gen_memory_bytes[3h])";
    assertThat(values(range(bucket.stacked, q, FROM, FROM + 6 * RES_1H, RES_1H, "1h"))).containsOnly("3");
    assertThat(values(range(bucket.stacked, q, FROM, FROM + 6 * RES_1H, RES_1H, "5m"))).containsOnly("36");
    assertThat(values(range(bucket.stacked, q, FROM, FROM + 6 * RES_1H, RES_1H, "0s"))).containsOnly("181");
  }

  private static List<String> values(JsonNode result) {
    assertThat(result.size()).isPositive();
    List<String> out = new ArrayList<>();
    result.forEach(s -> s.path("values").forEach(p -> out.add(p.get(1).asString())));
    return out;
  }

  /** The reset-compensated running total of a raw counter (the first value starts it). */
  private static double[] total(double[] v) {
    double[] out = new double[v.length];
    out[0] = v[0];
    for (int i = 1; i < v.length; i++) {
      out[i] = out[i - 1] + (v[i] >= v[i - 1] ? v[i] - v[i - 1] : v[i]);
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({"300000", "3600000"})
  void countersReadBackAsTheRawResetCompensatedTotalAcrossWindowsAndChunks(long resolution) {
    StoreQueryable q = new StoreQueryable(bucket.proxy, PartialResponseStrategy.ABORT, List.of(), resolution);
    SelectHints hints = new SelectHints(START, START + DownsampledBucket.SPAN, 0, "rate", 4 * resolution, List.of(),
        false);
    int series = 0;
    int resets = 0;
    try (SeriesSet set = q.select(hints, List.of(Matcher.of(MatchType.REGEX, "__name__",
        "gen_http_requests_total|gen_cpu_seconds_total")))) {
      while (set.next()) {
        Labels l = set.at().labels();
        long[] ts = bucket.rawTs.get(l);
        double[] v = bucket.raw.get(l);
        double[] total = total(v);
        for (int i = 1; i < v.length; i++) {
          resets += v[i] < v[i - 1] ? 1 : 0;
        }
        SampleIterator it = set.at().iterator();
        int n = 0;
        int j = 0;
        while (it.next()) {
          // the raw sample the value stands for: the last one at or before the window sample's time
          while (j + 1 < ts.length && ts[j + 1] <= it.atT()) {
            j++;
          }
          assertThat(it.atV()).as("%s at %d", l, it.atT()).isCloseTo(total[j], within(total[j] * 1e-12));
          n++;
        }
        // one per window plus the first raw sample of each chunk
        assertThat(n).as("%s samples", l).isBetween((int) (DownsampledBucket.SPAN / resolution),
            (int) (DownsampledBucket.SPAN / resolution) + 10);
        series++;
      }
    }
    assertThat(series).isEqualTo(20);
    assertThat(resets).as("resets in the data").isGreaterThan(20);
  }

  @ParameterizedTest
  @CsvSource({"rate, 2h, 5m", "increase, 2h, 5m", "rate, 6h, 1h", "increase, 6h, 1h"})
  void ratesOverDownsampledDataStayWithinSixPercentOfTheRawRate(String function, String range, String res) {
    long step = 3 * RES_1H;
    int differing = 0;
    int compared = 0;
    for (String metric : List.of("gen_http_requests_total", "gen_cpu_seconds_total")) {
      String q = function + "(" + metric + "[" + range + "])";
      Map<String, List<String>> rawAnswer = new HashMap<>();
      range(bucket.proxy, q, FROM, TO, step, "0s").forEach(s -> rawAnswer.put(key(s.path("metric")),
          s.path("values").valueStream().map(p -> p.get(1).asString()).toList()));
      JsonNode down = range(bucket.proxy, q, FROM, TO, step, res);
      assertThat(down.size()).isEqualTo(10);
      for (JsonNode s : down) {
        List<String> raw = rawAnswer.get(key(s.path("metric")));
        List<String> got = s.path("values").valueStream().map(p -> p.get(1).asString()).toList();
        assertThat(got).hasSameSizeAs(raw);
        for (int i = 0; i < got.size(); i++) {
          double r = Double.parseDouble(raw.get(i));
          double d = Double.parseDouble(got.get(i));
          assertThat(d).as("%s %s step %d", q, s.path("metric"), i).isCloseTo(r, within(0.06 * r));
          differing += d != r ? 1 : 0;
          compared++;
        }
      }
    }
    assertThat(compared).isEqualTo(20 * (int) ((TO - FROM) / step + 1));
    assertThat(differing).as("answers actually read from downsampled data").isGreaterThan(compared / 2);
  }

  @Test
  void rawRatesSeeResetsInTheRangesCompared() {
    // the data the rate test compares holds counter resets inside 5m windows and at window starts
    int inside = 0;
    int atWindowStart = 0;
    for (Labels l : bucket.series("gen_http_requests_total")) {
      long[] ts = bucket.rawTs.get(l);
      double[] v = bucket.raw.get(l);
      for (int i = 1; i < v.length; i++) {
        if (v[i] < v[i - 1] && ts[i] >= FROM && ts[i] <= TO) {
          if (ts[i] % RES_5M == 0) {
            atWindowStart++;
          } else {
            inside++;
          }
        }
      }
    }
    assertThat(inside).isPositive();
    assertThat(atWindowStart).isPositive();
  }
}
