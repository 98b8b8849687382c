package io.thanosjvm.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.json.GoJson;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.model.StaleMarker;
import io.thanosjvm.model.TimeRange;
import io.thanosjvm.tools.blocks.GenerateCommand;
import io.thanosjvm.tools.tsdb.DumpCommand;
import io.thanosjvm.tsdb.testing.PrometheusServer;
import io.thanosjvm.tsdb.testing.Promtool;
import io.thanosjvm.wire.prompb.Label;
import io.thanosjvm.wire.prompb.Sample;
import io.thanosjvm.wire.prompb.TimeSeries;
import io.thanosjvm.wire.prompb.WriteRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

/** Interoperability with a real Prometheus 2.42 server: it writes blocks we read, and serves blocks we write. */
class PrometheusServerInteropTest {

  private static final long BASE = 1_699_999_200_000L; // 2h aligned
  private static final long NORMAL_NAN = StaleMarker.NORMAL_NAN_BITS;

  @TempDir
  Path tmp;

  private static String seconds(long ms) {
    return String.format("%d.%03d", Math.floorDiv(ms, 1000), Math.floorMod(ms, 1000));
  }

  /** The value bits we remote-write for series {@code s} at step {@code i}. */
  private static long valueBits(int s, int i) {
    if (s == 0 && i == 100) {
      return StaleMarker.STALE_NAN_BITS;
    }
    if (s == 1 && i == 50) {
      return NORMAL_NAN;
    }
    if (s == 2 && i % 40 == 39) {
      return StaleMarker.STALE_NAN_BITS;
    }
    return Double.doubleToRawLongBits(s * 1000.0 + i * 0.25 + (i % 7) * 1e-3);
  }

  @Test
  void blockCutByPrometheusWithStaleMarkersDumpsLikePromtoolAndKeepsMarkerBits() throws Exception {
    Path data = tmp.resolve("prom-data");
    int series = 30;
    int steps = 240;
    try (PrometheusServer prom = PrometheusServer.start(data, tmp)) {
      WriteRequest.Builder req = WriteRequest.newBuilder();
      for (int s = 0; s < series; s++) {
        TimeSeries.Builder ts = TimeSeries.newBuilder()
            .addLabels(Label.newBuilder().setName("__name__").setValue("rw_metric"))
            .addLabels(Label.newBuilder().setName("idx").setValue(String.format("%03d", s)))
            .addLabels(Label.newBuilder().setName("job").setValue("rw"));
        for (int i = 0; i < steps; i++) {
          ts.addSamples(Sample.newBuilder().setTimestamp(BASE + i * 15_000L)
              .setValue(Double.longBitsToDouble(valueBits(s, i))));
        }
        req.addTimeseries(ts);
      }
      HttpResponse<String> w = prom.post("/api/v1/write", Snappy.compress(req.build().toByteArray()),
          "application/x-protobuf", "Content-Encoding", "snappy", "X-Prometheus-Remote-Write-Version", "0.1.0");
      assertThat(w.statusCode()).as("remote write: %s", w.body()).isEqualTo(204);
      HttpResponse<String> snap = prom.post("/api/v1/admin/tsdb/snapshot", new byte[0],
          "application/x-www-form-urlencoded");
      assertThat(snap.statusCode()).as(snap.body()).isEqualTo(200);
      @SuppressWarnings("unchecked")
      Map<String, Object> body = (Map<String, Object>) GoJson.parse(snap.body(), "snapshot response");
      @SuppressWarnings("unchecked")
      String name = (String) ((Map<String, Object>) body.get("data")).get("name");
      Path snapshot = data.resolve("snapshots").resolve(name);
      assertThat(Promtool.blocks(snapshot)).as("snapshot holds the head as a block").hasSize(1);

      String theirs = Promtool.dump(snapshot);
      assertThat(theirs).contains("NaN");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(new DumpCommand().run(List.of(snapshot.toString()), new PrintStream(out, true,
          StandardCharsets.UTF_8), System.err)).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(theirs);

      int stale = 0;
      try (BlockQuerier q = BlockQuerier.open(snapshot)) {
        Iterator<BlockSeries> it = q.select(TimeRange.ALL, List.of(Matcher.equal("job", "rw")));
        int s = 0;
        while (it.hasNext()) {
          BlockSeries bs = it.next();
          assertThat(bs.labels().get("idx")).isEqualTo(String.format("%03d", s));
          SampleIterator si = bs.iterator();
          int i = 0;
          while (si.next()) {
            assertThat(si.atT()).isEqualTo(BASE + i * 15_000L);
            long bits = Double.doubleToRawLongBits(si.atV());
            assertThat(bits).as("series %d step %d", s, i).isEqualTo(valueBits(s, i));
            if (bits == StaleMarker.STALE_NAN_BITS) {
              stale++;
            }
            i++;
          }
          assertThat(i).isEqualTo(steps);
          s++;
        }
        assertThat(s).isEqualTo(series);
      }
      assertThat(stale).isEqualTo(1 + steps / 40);
    }
  }

  @Test
  void prometheusServesBlocksWeWroteWithTheValuesWeWrote() throws Exception {
    Path data = tmp.resolve("our-data");
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    List<BlockMeta> metas = new GenerateCommand(clock).generate(new GenerateCommand.Options(data, 130, BASE,
        4 * 3_600_000L, 15_000, 7_200_000, 7, new TreeMap<>(Map.of("cluster", "test"))));
    assertThat(metas).hasSize(2);

    // Expected values from our own reader, per (instance, timestamp).
    Map<String, Map<Long, Double>> expected = new HashMap<>();
    try (BlockQuerier q = BlockQuerier.open(data)) {
      Iterator<BlockSeries> it = q.select(TimeRange.ALL, List.of(Matcher.equal("__name__", "gen_memory_bytes")));
      while (it.hasNext()) {
        BlockSeries s = it.next();
        Map<Long, Double> m = expected.computeIfAbsent(s.labels().get("instance"), k -> new HashMap<>());
        SampleIterator si = s.iterator();
        while (si.next()) {
          m.put(si.atT(), si.atV());
        }
      }
    }
    assertThat(expected).hasSize(10);

    try (PrometheusServer prom = PrometheusServer.start(data, tmp)) {
      long t = BASE + 3 * 3_600_000L + 15_000 * 7;
      String instant = prom.get("/api/v1/query", "query", "gen_memory_bytes", "time", seconds(t));
      List<Map<String, Object>> result = result(instant);
      assertThat(result).hasSize(10);
      for (Map<String, Object> r : result) {
        String instance = labels(r).get("instance");
        List<?> value = (List<?>) r.get("value");
        assertThat(Double.parseDouble((String) value.get(1))).as(instance).isEqualTo(expected.get(instance).get(t));
      }

      String range = prom.get("/api/v1/query_range", "query", "gen_memory_bytes{zone=\"z1\"}", "start",
          seconds(BASE), "end", seconds(BASE + 4 * 3_600_000L - 15_000), "step", "60");
      List<Map<String, Object>> matrix = result(range);
      assertThat(matrix).isNotEmpty();
      int points = 0;
      for (Map<String, Object> r : matrix) {
        String instance = labels(r).get("instance");
        for (Object p : (List<?>) r.get("values")) {
          List<?> pt = (List<?>) p;
          long ts = Math.round(Double.parseDouble(pt.get(0).toString()) * 1000);
          assertThat(Double.parseDouble((String) pt.get(1))).isEqualTo(expected.get(instance).get(ts));
          points++;
        }
      }
      assertThat(points).isEqualTo(matrix.size() * 240);

      String count = prom.get("/api/v1/query", "query", "count({__name__=~\"gen_.+\"})", "time", seconds(t));
      assertThat(((List<?>) result(count).get(0).get("value")).get(1)).isEqualTo("130");
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> result(String json) {
    Map<String, Object> m = (Map<String, Object>) GoJson.parse(json, "response");
    assertThat(m.get("status")).isEqualTo("success");
    return (List<Map<String, Object>>) ((Map<String, Object>) m.get("data")).get("result");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> labels(Map<String, Object> r) {
    return (Map<String, String>) (Map<?, ?>) r.get("metric");
  }

}
