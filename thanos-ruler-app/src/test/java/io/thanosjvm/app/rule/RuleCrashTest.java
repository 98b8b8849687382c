package io.thanosjvm.app.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.head.LocalTsdb;
import io.thanosjvm.head.TsdbOptions;
import io.thanosjvm.head.TsdbQueryable;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.objstore.PeerProcess;
import io.thanosjvm.promql.storage.SelectHints;
import io.thanosjvm.promql.storage.SeriesSet;
import io.thanosjvm.testing.PrometheusServer;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code thanos rule} in a child JVM, killed with SIGKILL while it evaluates every second against a real Prometheus
 * 2.42: the WAL replay keeps every sample it had recorded (as seen in its TSDB just before the kill), and after a
 * restart a firing alert is not pending again: its activeAt is restored from {@code ALERTS_FOR_STATE}, no pending
 * {@code ALERTS} sample is written, and it fires again.
 */
class RuleCrashTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  private static final String RULES = """
      groups:
        - name: crash
          interval: 1s
          rules:
            - record: instance:up:copy
              expr: up * 1
            - alert: InstanceDown
              expr: up == 0
              for: 3s
      """;

  private Process startChild(Path data, Path rules, URI query, int http, int grpc, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"),
        ThanosRuleApplication.class.getName(), "--http-address=127.0.0.1:" + http,
        "--grpc-address=127.0.0.1:" + grpc, "--data-dir=" + data, "--rule-file=" + rules, "--eval-interval=1s",
        "--query=" + query, "--for-grace-period=2s", "--for-outage-tolerance=1h");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      assertThat(p.isAlive()).as("ruler exited: " + Files.readString(log)).isTrue();
      try {
        if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/-/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return p;
        }
      } catch (java.io.IOException notYet) {
        // starting
      }
      Thread.sleep(200);
    }
    p.destroyForcibly();
    throw new AssertionError("ruler not ready: " + Files.readString(log));
  }

  private static JsonNode alerts(int http) throws Exception {
    return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/api/v1/alerts"))
        .build(), HttpResponse.BodyHandlers.ofString()).body()).get("data").get("alerts");
  }

  private static Map<Labels, TreeMap<Long, Double>> read(Path data, String metric) throws Exception {
    Map<Labels, TreeMap<Long, Double>> out = new HashMap<>();
    try (LocalTsdb tsdb = LocalTsdb.open(data, TsdbOptions.defaults(), Clock.systemUTC(), new SimpleMeterRegistry());
        SeriesSet s = new TsdbQueryable(tsdb).select(new SelectHints(0, Long.MAX_VALUE, 0, "", 0, List.of(), false),
            List.of(Matcher.equal("__name__", metric)))) {
      while (s.next()) {
        TreeMap<Long, Double> points = new TreeMap<>();
        SampleIterator it = s.at().iterator();
        while (it.next()) {
          points.put(it.atT(), it.atV());
        }
        out.put(s.at().labels(), points);
      }
    }
    return out;
  }

  private static Map<Labels, TreeMap<Long, Double>> copyOf(Path data, String metric) throws Exception {
    // Read a copy of the live directory (the running ruler owns the original).
    Path copy = Files.createTempDirectory("ruler-snapshot");
    io.thanosjvm.tsdb.testing.Promtool.copyTree(data, copy);
    return read(copy, metric);
  }

  @Test
  void sigkillKeepsEveryRecordedSampleAndAFiringAlertKeepsFiringAfterRestart() throws Exception {
    Path rules = dir.resolve("rules.yml");
    Files.writeString(rules, RULES);
    Path data = dir.resolve("data");
    try (PrometheusServer prom = PrometheusServer.start(Map.of())) {
      long now = System.currentTimeMillis() / 1000 * 1000;
      List<io.thanosjvm.wire.prompb.TimeSeries> series = new ArrayList<>();
      for (int s = 0; s < 50; s++) {
        long[] ts = new long[400];
        double[] v = new double[400];
        for (int i = 0; i < ts.length; i++) {
          ts[i] = now - 60_000 + i * 1000L;
          v[i] = s == 0 ? 0 : 1;
        }
        series.add(PrometheusServer.series(new String[] {"__name__", "up", "job", "node", "instance", "i" + s},
            ts, v));
      }
      prom.remoteWrite(series);
      int http = PeerProcess.freePort();
      int grpc = PeerProcess.freePort();
      Path log = dir.resolve("ruler.log");
      Process first = startChild(data, rules, prom.url(), http, grpc, log);
      String activeAt;
      Map<Labels, TreeMap<Long, Double>> before;
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(alerts(http).size() == 1 && alerts(http).get(0).get("state").asString().equals("firing"))) {
          assertThat(System.nanoTime()).as("alert firing").isLessThan(deadline);
          Thread.sleep(200);
        }
        Thread.sleep(2500);
        activeAt = alerts(http).get(0).get("activeAt").asString();
        before = copyOf(data, "instance:up:copy");
      } finally {
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL, most likely mid-evaluation
      }
      Instant killedAt = Instant.now();
      assertThat(before).hasSize(50);
      Map<Labels, TreeMap<Long, Double>> replayed = read(data, "instance:up:copy");
      int kept = 0;
      for (Map.Entry<Labels, TreeMap<Long, Double>> e : before.entrySet()) {
        assertThat(replayed.get(e.getKey())).as("replayed " + e.getKey()).containsAllEntriesOf(e.getValue());
        kept += e.getValue().size();
      }
      assertThat(kept).isGreaterThan(50 * 3);

      Process second = startChild(data, rules, prom.url(), http, grpc, log);
      try {
        Thread.sleep(5000);
        JsonNode a = alerts(http);
        assertThat(a.size()).isEqualTo(1);
        assertThat(a.get(0).get("state").asString()).isEqualTo("firing");
        // ALERTS_FOR_STATE keeps activeAt in seconds, as Prometheus does: the restored time is the second.
        assertThat(Instant.parse(a.get(0).get("activeAt").asString())).as("activeAt restored")
            .isEqualTo(Instant.ofEpochSecond(Instant.parse(activeAt).getEpochSecond()));
      } finally {
        second.destroy();
        second.waitFor(30, TimeUnit.SECONDS);
      }
      Map<Labels, TreeMap<Long, Double>> alertsSeries = read(data, "ALERTS");
      long killedMs = killedAt.toEpochMilli();
      for (Map.Entry<Labels, TreeMap<Long, Double>> e : alertsSeries.entrySet()) {
        if (e.getKey().get("alertstate").equals("pending")) {
          assertThat(e.getValue().tailMap(killedMs)).as("no pending ALERTS after the restart").isEmpty();
        } else {
          assertThat(e.getValue().tailMap(killedMs)).as("firing again after the restart").isNotEmpty();
        }
      }
    }
  }
}
