package io.thanosjvm.tsdb.wlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.json.GoJson;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.StaleMarker;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.tsdb.record.RecordDispatcher;
import io.thanosjvm.tsdb.record.RecordEncoder;
import io.thanosjvm.tsdb.record.RecordHandler;
import io.thanosjvm.tsdb.record.SamplesRecord;
import io.thanosjvm.tsdb.record.SeriesRecord;
import io.thanosjvm.tsdb.record.TombstonesRecord;
import io.thanosjvm.wire.prompb.TimeSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our WAL against a real Prometheus 2.42 (/usr/bin/prometheus): we read the WAL it wrote before a SIGKILL, and it
 * replays a WAL and a checkpoint we wrote and answers exactly the samples in them.
 */
class PrometheusWalInteropTest {

  private static final long BASE = 1_699_999_200_000L; // 2h aligned
  private static final long STEP = 15_000L;
  private static final long INF = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
  private static final long NEG_INF = Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY);

  @TempDir
  Path tmp;

  /** Series → list of {t, value bits}, in WAL order, resolved through Series records. */
  static Map<Labels, List<long[]>> replay(WalReader reader) throws IOException {
    Map<Long, Labels> byRef = new HashMap<>();
    Map<Labels, List<long[]>> out = new TreeMap<>();
    RecordDispatcher d = new RecordDispatcher(new RecordHandler() {
      @Override
      public void series(SeriesRecord s) {
        for (int i = 0; i < s.size(); i++) {
          byRef.put(s.ref(i), s.labels(i));
        }
      }

      @Override
      public void samples(SamplesRecord s) {
        for (int i = 0; i < s.size(); i++) {
          Labels l = byRef.get(s.ref(i));
          assertThat((Object) l).as("series record before samples of ref %d", s.ref(i)).isNotNull();
          out.computeIfAbsent(l, k -> new ArrayList<>()).add(new long[] {s.timestamp(i), s.valueBits(i)});
        }
      }

      @Override
      public void tombstones(TombstonesRecord t) {}
    });
    try (reader) {
      while (reader.next()) {
        d.dispatch(reader.record(), reader.recordLength());
      }
    }
    return out;
  }

  private static long pushedBits(int s, int i) {
    if (s == 0 && i == 19) {
      return StaleMarker.STALE_NAN_BITS;
    }
    if (s == 1 && i == 5) {
      return StaleMarker.NORMAL_NAN_BITS;
    }
    if (s == 1 && i == 7) {
      return INF;
    }
    if (s == 1 && i == 8) {
      return NEG_INF;
    }
    return Double.doubleToRawLongBits(s == 0 ? i : Math.sin(i + s) * 1000);
  }

  @Test
  void weReadTheWalPrometheusWroteBeforeASigkillAndItReplaysWhatWeAppendToIt() throws Exception {
    String[][] labels = {
        {"__name__", "wal_requests_total", "job", "a", "instance", "x:1"},
        {"__name__", "wal_temp", "job", "a"},
        {"__name__", "wal_temp", "job", "b"}};
    Map<Labels, List<long[]>> pushed = new TreeMap<>();
    try (PrometheusServer prom = PrometheusServer.start(Map.of())) {
      for (int half = 0; half < 2; half++) { // two remote-write requests: two commits
        List<TimeSeries> req = new ArrayList<>();
        for (int s = 0; s < labels.length; s++) {
          long[] ts = new long[10];
          double[] vs = new double[10];
          for (int j = 0; j < 10; j++) {
            int i = half * 10 + j;
            ts[j] = BASE + i * STEP;
            vs[j] = Double.longBitsToDouble(pushedBits(s, i));
            pushed.computeIfAbsent(Labels.of(labels[s]), k -> new ArrayList<>())
                .add(new long[] {ts[j], pushedBits(s, i)});
          }
          req.add(PrometheusServer.series(labels[s], ts, vs));
        }
        prom.remoteWrite(req);
      }
      prom.kill();
      Path walDir = prom.dir().resolve("data").resolve("wal");
      Map<Labels, List<long[]>> read = replay(WalReader.replay(walDir));
      assertSameSamples(read, pushed);

      // our WAL opens Prometheus' (nothing to repair), appends a new series; Prometheus replays both
      long maxRef;
      try (WalReader r = WalReader.replay(walDir)) {
        maxRef = maxSeriesRef(r);
      }
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      try (Wal wal = Wal.open(walDir, WalOptions.defaults(), registry)) {
        assertThat(wal.metrics().corruptionsTotal()).isZero();
        RecordEncoder enc = new RecordEncoder();
        SeriesRecord series = new SeriesRecord();
        series.add(maxRef + 1, Labels.of("__name__", "wal_ours", "job", "jvm"));
        SamplesRecord samples = new SamplesRecord();
        for (int i = 0; i < 20; i++) {
          samples.add(maxRef + 1, BASE + i * STEP, i * 0.5);
        }
        wal.log(enc.series(series), enc.samples(samples));
      }
      prom.restart();
      Map<String, String> ours = rangeValues(prom, "wal_ours[10m]", BASE + 19 * STEP);
      assertThat(ours).hasSize(20).containsEntry(seconds(BASE + 19 * STEP), "9.5");
      Map<String, String> theirs = rangeValues(prom, "wal_temp{job=\"b\"}[10m]", BASE + 19 * STEP);
      assertThat(theirs).hasSize(20);
    }
  }

  private static long maxSeriesRef(WalReader r) throws IOException {
    long[] max = {0};
    RecordDispatcher d = new RecordDispatcher(new RecordHandler() {
      @Override
      public void series(SeriesRecord s) {
        for (int i = 0; i < s.size(); i++) {
          max[0] = Math.max(max[0], s.ref(i));
        }
      }

      @Override
      public void samples(SamplesRecord s) {}

      @Override
      public void tombstones(TombstonesRecord t) {}
    });
    while (r.next()) {
      d.dispatch(r.record(), r.recordLength());
    }
    return max[0];
  }

  private static void assertSameSamples(Map<Labels, List<long[]>> actual, Map<Labels, List<long[]>> expected) {
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((l, samples) -> {
      List<long[]> a = actual.get(l);
      assertThat(a).as("%s", l).hasSameSizeAs(samples);
      for (int i = 0; i < samples.size(); i++) {
        assertThat(a.get(i)).as("%s sample %d", l, i).containsExactly(samples.get(i));
      }
    });
  }

  /** The value bits we write for series {@code s} at step {@code i}. */
  private static long writtenBits(int s, int i) {
    if (s == 0 && i == 100) {
      return StaleMarker.STALE_NAN_BITS;
    }
    if (s == 1 && i == 50) {
      return StaleMarker.NORMAL_NAN_BITS;
    }
    if (s == 1 && i == 60) {
      return INF;
    }
    if (s == 1 && i == 61) {
      return NEG_INF;
    }
    if (s % 2 == 0) {
      return Double.doubleToRawLongBits(i * (s + 1) * 0.5); // counter
    }
    return Double.doubleToRawLongBits(Math.sin(i / 10.0 + s) * 100); // gauge
  }

  private static Labels seriesLabels(int s) {
    return Labels.of("__name__", s % 2 == 0 ? "wal_c_total" : "wal_g", "i", String.format("%02d", s));
  }

  @Test
  void prometheusReplaysOurWalAndCheckpointAndAnswersExactlyTheWrittenSamples() throws Exception {
    int n = 30;
    int steps = 120;
    int cpStep = 60;
    long mint = BASE + 20 * STEP; // the checkpoint drops the samples of steps 0..19
    Path data = Files.createDirectories(tmp.resolve("data"));
    Path walDir = data.resolve("wal");
    RecordEncoder enc = new RecordEncoder();
    SeriesRecord series = new SeriesRecord();
    for (int s = 0; s < n; s++) {
      series.add(s + 1, seriesLabels(s));
    }
    // steps 0..59 uncompressed, in small segments
    try (Wal wal = Wal.open(walDir, new WalOptions(2 * WalOptions.PAGE_SIZE, false, true),
        new SimpleMeterRegistry())) {
      wal.log(enc.series(series));
      for (int i = 0; i < cpStep; i++) {
        wal.log(enc.samples(step(n, i)));
      }
    }
    Wal wal = Wal.open(walDir, new WalOptions(2 * WalOptions.PAGE_SIZE, true, true), new SimpleMeterRegistry());
    try {
      int last = wal.currentSegment() - 1;
      CheckpointStats cp = wal.checkpoint(0, last, ref -> true, mint);
      wal.truncate(last + 1);
      assertThat(cp.keptSeries()).isEqualTo(n);
      assertThat(wal.segmentRange().first()).isEqualTo(last + 1);
      // steps 60..119 compressed, plus a series created after the checkpoint; no close: a SIGKILL leaves this
      SeriesRecord late = new SeriesRecord();
      late.add(n + 1, Labels.of("__name__", "wal_late", "i", "x"));
      SamplesRecord lateSamples = new SamplesRecord();
      lateSamples.add(n + 1, BASE + cpStep * STEP, 42);
      wal.log(enc.series(late), enc.samples(lateSamples));
      for (int i = cpStep; i < steps; i++) {
        wal.log(enc.samples(step(n, i)));
      }
      long end = BASE + (steps - 1) * STEP;
      try (io.thanosjvm.tsdb.testing.PrometheusServer prom =
          io.thanosjvm.tsdb.testing.PrometheusServer.start(data, tmp)) {
        for (int s = 0; s < n; s++) {
          Map<String, String> expected = new TreeMap<>();
          for (int i = 20; i < steps; i++) {
            long bits = writtenBits(s, i);
            if (bits != StaleMarker.STALE_NAN_BITS) { // range selectors drop stale markers
              expected.put(seconds(BASE + i * STEP), promValue(bits));
            }
          }
          String selector = seriesLabels(s).metricName() + "{i=\"" + String.format("%02d", s) + "\"}";
          assertThat(rangeValues(prom.get("/api/v1/query", "query", selector + "[1h]", "time", seconds(end))))
              .as(selector).isEqualTo(expected);
        }
        // the stale marker ends series 0 at step 100; it is back from step 101
        String s0 = "wal_c_total{i=\"00\"}";
        assertThat(instant(prom.get("/api/v1/query", "query", s0, "time", seconds(BASE + 100 * STEP))))
            .isEmpty();
        assertThat(instant(prom.get("/api/v1/query", "query", s0, "time", seconds(BASE + 100 * STEP - 1))))
            .containsExactly(promValue(writtenBits(0, 99)));
        assertThat(instant(prom.get("/api/v1/query", "query", "wal_late", "time", seconds(BASE + cpStep * STEP))))
            .containsExactly("42");
        assertThat(instant(prom.get("/api/v1/query", "query", "count({__name__=~\"wal_.*\"})", "time",
            seconds(end)))).containsExactly(Integer.toString(n));
      }
    } finally {
      wal.close();
    }
  }

  private static SamplesRecord step(int n, int i) {
    SamplesRecord r = new SamplesRecord(n);
    for (int s = 0; s < n; s++) {
      r.addBits(s + 1, BASE + i * STEP, writtenBits(s, i));
    }
    return r;
  }

  private static String promValue(long bits) {
    return io.thanosjvm.promql.ast.GoFloat.formatF(Double.longBitsToDouble(bits));
  }

  private static String seconds(long ms) {
    return String.format("%d.%03d", Math.floorDiv(ms, 1000), Math.floorMod(ms, 1000));
  }

  private static Map<String, String> rangeValues(PrometheusServer prom, String query, long time) throws Exception {
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(prom.url().resolve("/api/v1/query?query="
            + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8) + "&time=" + seconds(time)))
            .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return rangeValues(r.body());
  }

  /** The single series of a matrix answer as time (s.mmm) → value string. */
  @SuppressWarnings("unchecked")
  private static Map<String, String> rangeValues(String json) {
    List<Map<String, Object>> result = result(json);
    assertThat(result).as(json).hasSize(1);
    Map<String, String> out = new TreeMap<>();
    for (Object p : (List<Object>) result.get(0).get("values")) {
      List<Object> pair = (List<Object>) p;
      long ms = Math.round(((Number) pair.get(0)).doubleValue() * 1000);
      out.put(seconds(ms), (String) pair.get(1));
    }
    return out;
  }

  /** The values of a vector answer. */
  @SuppressWarnings("unchecked")
  private static List<String> instant(String json) {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> r : result(json)) {
      out.add((String) ((List<Object>) r.get("value")).get(1));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> result(String json) {
    Map<String, Object> m = (Map<String, Object>) GoJson.parse(json, "response");
    assertThat(m.get("status")).isEqualTo("success");
    return (List<Map<String, Object>>) ((Map<String, Object>) m.get("data")).get("result");
  }
}
