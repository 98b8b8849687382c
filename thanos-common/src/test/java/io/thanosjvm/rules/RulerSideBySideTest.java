package io.thanosjvm.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.head.LocalTsdb;
import io.thanosjvm.head.TsdbOptions;
import io.thanosjvm.head.TsdbQueryable;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.model.StaleMarker;
import io.thanosjvm.promql.storage.SelectHints;
import io.thanosjvm.promql.storage.SeriesSet;
import io.thanosjvm.rules.testing.AlertmanagerPeer;
import io.thanosjvm.rules.testing.RuleEvaluatingPrometheus;
import io.thanosjvm.testing.PrometheusServer;
import io.thanosjvm.wire.prompb.TimeSeries;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Acceptance: the ruler side by side with a real Prometheus 2.42 on the same data and the same rule file. Prometheus
 * evaluates the file itself and sends to one real Alertmanager 0.25; the ruler evaluates it through Prometheus'
 * query API and sends to a second one. Recorded samples must equal Prometheus' instant query of the expression at
 * each of the ruler's evaluation times and Prometheus' own recorded samples (the same group slots: the same
 * {file,name} hash); the ALERTS series must agree; and both Alertmanagers must get the same alerts (labels, rendered
 * annotations, generator URL, startsAt, endsAt while firing and when resolved). Prometheus sends times with
 * nanoseconds (its slots carry the hash offset in ns), the ruler at milliseconds: times are compared at ms.
 */
class RulerSideBySideTest {

  @TempDir Path dir;

  private static final String RULES = """
      groups:
        - name: side-by-side
          interval: 1s
          rules:
            - record: job:load:max
              expr: max by (job) (load)
            - record: instance:requests:rate30s
              expr: rate(requests_total[30s])
            - alert: HighLoad
              expr: load > 5
              for: 3s
              labels:
                severity: page
                copy: "{{ $labels.instance }}"
              annotations:
                summary: "{{ $labels.instance }} load is {{ $value | humanize }}"
                description: "max {{ with query \\"max(load)\\" }}{{ . | first | value | printf \\"%.1f\\" }}{{ end }} in {{ $externalLabels.cluster }}"
      """;

  @Test
  void recordsAndAlertsExactlyAsPrometheusDoes() throws Exception {
    Path rules = dir.resolve("rules.yml");
    Files.writeString(rules, RULES);
    String externalUrl = "http://ruler.test:9090";
    long n = System.currentTimeMillis() / 1000 * 1000;
    long alertFrom = n + 12_000;
    long alertTo = n + 24_000;
    Set<String> heldByProm = new java.util.LinkedHashSet<>();
    Set<String> heldByRuler = new java.util.LinkedHashSet<>();
    try (AlertmanagerPeer amProm = AlertmanagerPeer.start(dir.resolve("am-prom"));
        AlertmanagerPeer amRuler = AlertmanagerPeer.start(dir.resolve("am-ruler"));
        RuleEvaluatingPrometheus prom = RuleEvaluatingPrometheus.start(dir.resolve("prom"), rules,
            amProm.address(), Map.of("cluster", "eu"), externalUrl)) {
      List<TimeSeries> data = new ArrayList<>();
      for (String instance : List.of("a", "b")) {
        int points = 300 + 60;
        long[] ts = new long[points];
        double[] load = new double[points];
        double[] requests = new double[points];
        for (int i = 0; i < points; i++) {
          ts[i] = n - 300_000 + i * 1000L;
          boolean high = instance.equals("a") && ts[i] >= alertFrom && ts[i] < alertTo;
          load[i] = high ? 10 + i % 3 : 1 + (i % 5) / 4.0;
          requests[i] = i * (instance.equals("a") ? 3 : 7) + (i % 7 == 0 ? 1 : 0);
        }
        data.add(PrometheusServer.series(new String[] {"__name__", "load", "job", "app", "instance", instance},
            ts, load));
        data.add(PrometheusServer.series(new String[] {"__name__", "requests_total", "job", "app", "instance",
            instance}, ts, requests));
      }
      prom.remoteWrite(data);

      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      try (LocalTsdb tsdb = LocalTsdb.open(dir.resolve("ruler"), TsdbOptions.defaults(), InstantSource.system(),
          registry)) {
        RulerConfig config = new RulerConfig(List.of(rules.toString()),
            List.of(QueryEndpoint.parse(prom.url().toString())), HttpRuleQuery.Method.POST, Duration.ofSeconds(10),
            List.of(amRuler.url()), Duration.ofSeconds(10),
            new AlertLabeling(Labels.of("cluster", "eu"), List.of(), List.of()),
            new GeneratorUrl(externalUrl, GeneratorUrl.DEFAULT_TEMPLATE),
            new RuleManagerSettings(60_000, 0, 60_000, 3_600_000, 600_000, Labels.of("cluster", "eu"), externalUrl),
            2);
        try (Ruler ruler = Ruler.start(config, new TsdbSampleSink(tsdb), new TsdbQueryable(tsdb), registry,
            InstantSource.system())) {
          // Wait until the alert resolved and both Alertmanagers notified its resolution.
          long deadline = System.currentTimeMillis() + 90_000;
          while (System.currentTimeMillis() < deadline
              && !(resolved(amProm) && resolved(amRuler) && System.currentTimeMillis() > alertTo + 5_000)) {
            held(amProm, heldByProm);
            held(amRuler, heldByRuler);
            Thread.sleep(250);
          }
          assertThat(resolved(amRuler)).as("ruler's Alertmanager got the resolution").isTrue();
          assertThat(resolved(amProm)).as("Prometheus' Alertmanager got the resolution: " + prom.logTail()).isTrue();
          assertThat(ruler.groups().get(0).rules()).allMatch(r -> r.health().equals("ok"));
        }

        GroupTiming timing = GroupTiming.of(rules.toString(), "side-by-side", 1000);
        for (String rec : List.of("job:load:max", "instance:requests:rate30s")) {
          Map<Labels, TreeMap<Long, Double>> ours = samples(tsdb, rec);
          Map<Labels, TreeMap<Long, Double>> theirs = promSamples(prom, rec, System.currentTimeMillis());
          assertThat(ours).isNotEmpty();
          int compared = 0;
          for (Map.Entry<Labels, TreeMap<Long, Double>> s : ours.entrySet()) {
            for (Map.Entry<Long, Double> p : s.getValue().entrySet()) {
              long t = p.getKey();
              assertThat(Math.floorMod(timing.offsetNanos() - t * 1_000_000L, 1_000_000_000L))
                  .as("on the group's slot").isLessThan(1_000_000L);
              if (StaleMarker.isStale(p.getValue())) {
                continue;
              }
              JsonNode q = prom.query(expr(rec), t);
              assertThat(valueFor(q, s.getKey().withoutMetricName())).as(rec + " at " + t).isEqualTo(p.getValue());
              Double own = theirs.getOrDefault(s.getKey(), new TreeMap<>()).get(t);
              if (own != null && t > n + 5_000) {
                assertThat(own).as("Prometheus recorded " + rec + " at " + t).isEqualTo(p.getValue());
                compared++;
              }
            }
          }
          assertThat(compared).as("samples at the same slots as Prometheus' own").isGreaterThan(10);
        }

        Map<Labels, TreeMap<Long, Double>> ourAlerts = samples(tsdb, "ALERTS");
        Map<Labels, TreeMap<Long, Double>> promAlerts = promSamples(prom, "ALERTS", System.currentTimeMillis());
        Set<Labels> states = new HashSet<>();
        int common = 0;
        for (Map.Entry<Labels, TreeMap<Long, Double>> s : ourAlerts.entrySet()) {
          states.add(s.getKey());
          for (Map.Entry<Long, Double> p : s.getValue().entrySet()) {
            Double theirs = promAlerts.getOrDefault(s.getKey(), new TreeMap<>()).get(p.getKey());
            boolean theirsInRange = promAlerts.values().stream().anyMatch(m -> !m.isEmpty()
                && m.firstKey() <= p.getKey());
            if (theirsInRange && !StaleMarker.isStale(p.getValue())) {
              assertThat(theirs).as("Prometheus' " + s.getKey() + " at " + p.getKey()).isEqualTo(p.getValue());
              common++;
            }
          }
        }
        assertThat(states).extracting(l -> l.get("alertstate")).containsExactlyInAnyOrder("pending", "firing");
        assertThat(common).isGreaterThan(5);

        List<String> fromRuler = observed(amRuler);
        List<String> fromProm = observed(amProm);
        assertThat(fromRuler).isNotEmpty().containsExactlyInAnyOrderElementsOf(fromProm);
        assertThat(fromRuler).anyMatch(s -> s.startsWith("firing ")).anyMatch(s -> s.startsWith("resolved "));
        // While firing, Alertmanager holds the alert until endsAt = the evaluation time + 4 x the resend delay.
        assertThat(heldByRuler).isNotEmpty().isEqualTo(heldByProm);
        assertThat(String.join("\n", heldByRuler)).contains("active").contains("endsAt-startsAt=240000");
        assertThat(String.join("\n", fromRuler)).contains("summary=a load is 10").contains("max 10.0 in eu")
            .contains("generatorURL=http://ruler.test:9090/graph?g0.expr=load+%3E+5&g0.tab=1");
      }
    }
  }

  @Test
  void keepFiringForHoldsAndThenResolvesTheAlertExactlyAsPrometheusDoes() throws Exception {
    Path rules = dir.resolve("keep-firing.yml");
    Files.writeString(rules, """
        groups:
          - name: keep-firing
            interval: 1s
            rules:
              - alert: Spike
                expr: load > 5
                keep_firing_for: 4s
                labels:
                  severity: page
                annotations:
                  summary: "{{ $labels.instance }} spiked to {{ $value }}"
        """);
    String externalUrl = "http://ruler.test:9090";
    long n = System.currentTimeMillis() / 1000 * 1000;
    long spikeFrom = n + 10_000;
    long spikeTo = n + 16_000;
    try (AlertmanagerPeer amProm = AlertmanagerPeer.start(dir.resolve("am-prom"));
        AlertmanagerPeer amRuler = AlertmanagerPeer.start(dir.resolve("am-ruler"));
        RuleEvaluatingPrometheus prom = RuleEvaluatingPrometheus.start(dir.resolve("prom"), rules,
            amProm.address(), Map.of(), externalUrl)) {
      int points = 300 + 60;
      long[] ts = new long[points];
      double[] load = new double[points];
      for (int i = 0; i < points; i++) {
        ts[i] = n - 300_000 + i * 1000L;
        load[i] = ts[i] >= spikeFrom && ts[i] < spikeTo ? 10 : 1;
      }
      prom.remoteWrite(List.of(PrometheusServer.series(new String[] {"__name__", "load", "job", "app", "instance",
          "a"}, ts, load)));
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      try (LocalTsdb tsdb = LocalTsdb.open(dir.resolve("ruler"), TsdbOptions.defaults(), InstantSource.system(),
          registry)) {
        RulerConfig config = new RulerConfig(List.of(rules.toString()),
            List.of(QueryEndpoint.parse(prom.url().toString())), HttpRuleQuery.Method.POST, Duration.ofSeconds(10),
            List.of(amRuler.url()), Duration.ofSeconds(10), AlertLabeling.NONE,
            new GeneratorUrl(externalUrl, GeneratorUrl.DEFAULT_TEMPLATE),
            new RuleManagerSettings(60_000, 0, 60_000, 3_600_000, 600_000, Labels.EMPTY, externalUrl), 2);
        try (Ruler ruler = Ruler.start(config, new TsdbSampleSink(tsdb), new TsdbQueryable(tsdb), registry,
            InstantSource.system())) {
          long deadline = System.currentTimeMillis() + 90_000;
          while (System.currentTimeMillis() < deadline
              && !(resolved(amProm) && resolved(amRuler) && System.currentTimeMillis() > spikeTo + 10_000)) {
            Thread.sleep(250);
          }
          assertThat(resolved(amRuler)).as("ruler's Alertmanager got the resolution").isTrue();
          assertThat(resolved(amProm)).as("Prometheus' Alertmanager got the resolution: " + prom.logTail()).isTrue();
        }
        Map<Labels, TreeMap<Long, Double>> ours = samples(tsdb, "ALERTS");
        Map<Labels, TreeMap<Long, Double>> theirs = promSamples(prom, "ALERTS", System.currentTimeMillis());
        assertThat(ours.keySet()).isEqualTo(theirs.keySet());
        int common = 0;
        long lastFiring = 0;
        for (Map.Entry<Labels, TreeMap<Long, Double>> s : ours.entrySet()) {
          for (Map.Entry<Long, Double> p : s.getValue().entrySet()) {
            Double other = theirs.get(s.getKey()).get(p.getKey());
            if (other != null && !StaleMarker.isStale(other) && !StaleMarker.isStale(p.getValue())) {
              assertThat(other).isEqualTo(p.getValue());
              common++;
            }
            if (!StaleMarker.isStale(p.getValue())) {
              lastFiring = Math.max(lastFiring, p.getKey());
            }
          }
          assertThat(s.getValue().keySet().stream().filter(t -> !StaleMarker.isStale(s.getValue().get(t))).toList())
              .as("ALERTS sample times").isEqualTo(theirs.get(s.getKey()).keySet().stream()
                  .filter(t -> !StaleMarker.isStale(theirs.get(s.getKey()).get(t))).toList());
        }
        assertThat(common).isGreaterThan(5);
        assertThat(lastFiring).as("kept firing about 4 s after the spike").isGreaterThanOrEqualTo(spikeTo + 3_000);
        List<String> fromRuler = observed(amRuler);
        assertThat(fromRuler).isNotEmpty().containsExactlyInAnyOrderElementsOf(observed(amProm));
        assertThat(fromRuler).anyMatch(l -> l.startsWith("resolved "));
      }
    }
  }

  /** The alerts an Alertmanager holds now, added to {@code into} as lines, times at ms. */
  private static void held(AlertmanagerPeer am, Set<String> into) throws Exception {
    for (JsonNode a : am.alerts()) {
      long startsAt = ms(a.get("startsAt").asString());
      long endsAt = ms(a.get("endsAt").asString());
      into.add(a.get("status").get("state").asString() + " labels=" + new TreeMap<>(map(a.get("labels")))
          + " annotations=" + new TreeMap<>(map(a.get("annotations"))) + " startsAt=" + startsAt
          + " endsAt-startsAt=" + (endsAt - startsAt) + " generatorURL=" + a.get("generatorURL").asString());
    }
  }

  private static String expr(String rec) {
    return rec.equals("job:load:max") ? "max by (job) (load)" : "rate(requests_total[30s])";
  }

  private static boolean resolved(AlertmanagerPeer am) {
    return am.notified().stream().anyMatch(a -> a.get("status").asString().equals("resolved"));
  }

  /** What an Alertmanager notified, one line per distinct alert state, times at ms. */
  private static List<String> observed(AlertmanagerPeer am) {
    Set<String> out = new java.util.LinkedHashSet<>();
    for (JsonNode a : am.notified()) {
      out.add(a.get("status").asString() + " labels=" + new TreeMap<>(map(a.get("labels"))) + " annotations="
          + new TreeMap<>(map(a.get("annotations"))) + " startsAt=" + ms(a.get("startsAt").asString()) + " endsAt="
          + ms(a.get("endsAt").asString()) + " generatorURL=" + a.get("generatorURL").asString());
    }
    return new ArrayList<>(out);
  }

  private static Map<String, String> map(JsonNode n) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      m.put(e.getKey(), e.getValue().asString());
    }
    return m;
  }

  private static long ms(String rfc3339) {
    return Instant.parse(rfc3339).toEpochMilli();
  }

  private static double valueFor(JsonNode data, Labels labels) {
    for (JsonNode s : data.get("result")) {
      Map<String, String> m = map(s.get("metric"));
      if (Labels.fromMap(m).equals(labels)) {
        return InstantQueryResponse.parseValue(s.get("value").get(1).asString());
      }
    }
    throw new AssertionError("no series " + labels + " in " + data);
  }

  private static Map<Labels, TreeMap<Long, Double>> samples(LocalTsdb tsdb, String metric) {
    Map<Labels, TreeMap<Long, Double>> out = new LinkedHashMap<>();
    try (SeriesSet s = new TsdbQueryable(tsdb).select(new SelectHints(0, Long.MAX_VALUE, 0, "", 0, List.of(), false),
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

  private static Map<Labels, TreeMap<Long, Double>> promSamples(RuleEvaluatingPrometheus prom, String metric,
      long at) throws Exception {
    Map<Labels, TreeMap<Long, Double>> out = new LinkedHashMap<>();
    JsonNode data = prom.query(metric + "[10m]", at);
    for (JsonNode s : data.get("result")) {
      TreeMap<Long, Double> points = new TreeMap<>();
      for (JsonNode v : s.get("values")) {
        points.put(Math.round(Double.parseDouble(v.get(0).asString()) * 1000),
            InstantQueryResponse.parseValue(v.get(1).asString()));
      }
      out.put(Labels.fromMap(map(s.get("metric"))), points);
    }
    return out;
  }
}
