package io.thanosjvm.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.compact.MutableClock;
import io.thanosjvm.head.LocalTsdb;
import io.thanosjvm.head.TsdbOptions;
import io.thanosjvm.head.TsdbQueryable;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.model.StaleMarker;
import io.thanosjvm.promql.engine.Engine;
import io.thanosjvm.promql.engine.EngineOptions;
import io.thanosjvm.promql.storage.InMemoryQueryable;
import io.thanosjvm.promql.storage.SelectHints;
import io.thanosjvm.promql.storage.SeriesSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule manager over a real local TSDB and the in-process PromQL engine, driven slot by slot with a test clock
 * (groups run every hour so the scheduler never fires on its own during a test).
 */
class RuleManagerTest {

  private static final long T0 = 1_800_000_000_000L;

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(T0));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private final InMemoryQueryable data = new InMemoryQueryable();
  private final Engine engine = new Engine(EngineOptions.defaults());
  private final RuleQuery query = (expr, t, s) -> EngineRuleQuery.instant(engine, data, expr, t);
  private final List<AlertNotification> sent = new ArrayList<>();
  private final List<AutoCloseable> closers = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    executor.shutdownNow();
    for (AutoCloseable c : closers) {
      c.close();
    }
  }

  private static final String RULES = """
      groups:
        - name: g
          interval: 1h
          rules:
            - record: job:up:sum
              expr: sum by (job) (up)
            - alert: Down
              expr: up == 0
              for: 2h
              annotations: {summary: "{{ $labels.instance }} is down ({{ $value }})"}
      """;

  private LocalTsdb tsdb() throws Exception {
    LocalTsdb t = LocalTsdb.open(dir.resolve("tsdb"), TsdbOptions.defaults(), clock, registry);
    closers.add(t);
    return t;
  }

  private RuleManager manager(LocalTsdb tsdb, SimpleMeterRegistry reg) {
    AlertQueue queue = new AlertQueue(100, 10, batch -> sent.addAll(batch), reg);
    RuleNotifier notifier = new RuleNotifier(new AlertLabeling(Labels.of("replica", "r1"), List.of("replica"),
        List.of()), new GeneratorUrl("http://query:10902", GeneratorUrl.DEFAULT_TEMPLATE), queue);
    RuleManager m = new RuleManager(new RuleManagerSettings(60_000, 0, 60_000, 3_600_000 * 4, 600_000,
        Labels.of("replica", "r1"), "http://ruler"), query, new TsdbSampleSink(tsdb), notifier,
        new TsdbQueryable(tsdb), reg, clock, executor);
    closers.add(0, m);
    closers.add(0, queue::drain);
    return m;
  }

  private Path write(String name, String content) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return f;
  }

  private RuleGroupRunner runner(RuleManager m, String key) throws Exception {
    java.lang.reflect.Field f = RuleManager.class.getDeclaredField("running");
    f.setAccessible(true);
    return ((Map<String, RuleGroupRunner>) f.get(m)).get(key);
  }

  private static List<double[]> samples(LocalTsdb tsdb, String metric) {
    List<double[]> out = new ArrayList<>();
    try (SeriesSet s = new TsdbQueryable(tsdb).select(new SelectHints(0, Long.MAX_VALUE, 0, "", 0, List.of(), false),
        List.of(Matcher.equal("__name__", metric)))) {
      while (s.next()) {
        SampleIterator it = s.at().iterator();
        while (it.next()) {
          out.add(new double[] {it.atT(), it.atV()});
        }
      }
    }
    return out;
  }

  @Test
  void groupSlotsFollowPrometheusHashOfFileAndName() {
    GroupTiming t = GroupTiming.of("/etc/rules.yml", "g", 60_000);
    assertThat(t.offsetNanos()).isEqualTo(Long.remainderUnsigned(GroupTiming.hash("/etc/rules.yml", "g"),
        60_000_000_000L));
    long now = 1_800_000_000_123_456_789L;
    long slot = t.evalTimestamp(now);
    assertThat(slot).isLessThanOrEqualTo(now).isGreaterThan(now - 60_000_000_000L);
    assertThat(Math.floorMod(slot - t.offsetNanos(), 60_000_000_000L)).isZero();
    assertThat(t.firstEval(now)).isEqualTo(slot + 60_000_000_000L);
    assertThat(t.missed(slot, slot + 60_000_000_000L)).isZero();
    assertThat(t.missed(slot, slot + 185_000_000_000L)).isEqualTo(2);
  }

  @Test
  void evaluationsRecordIntoTheTsdbSendDueAlertsAndMarkVanishedSeriesStale() throws Exception {
    LocalTsdb tsdb = tsdb();
    RuleManager m = manager(tsdb, registry);
    Path f = write("r.yml", RULES);
    data.append(Labels.of("__name__", "up", "job", "node", "instance", "a"), T0, 0);
    data.append(Labels.of("__name__", "up", "job", "node", "instance", "b"), T0, 1);
    m.reload(List.of(dir + "/*.yml"));
    RuleGroupRunner r = runner(m, f + ";g");
    long slot = r.timing().firstEval(T0 * 1_000_000L);
    long hour = 3_600_000_000_000L;
    for (int i = 0; i < 3; i++) {
      data.append(Labels.of("__name__", "up", "job", "node", "instance", "a"), slot / 1_000_000 + i * 3_600_000L, 0);
      data.append(Labels.of("__name__", "up", "job", "node", "instance", "b"), slot / 1_000_000 + i * 3_600_000L, 1);
      clock.advance(Duration.ofHours(1));
      r.evaluateAt(slot + i * hour);
    }
    assertThat(samples(tsdb, "job:up:sum")).extracting(s -> (long) s[0]).containsExactly(slot / 1_000_000,
        (slot + hour) / 1_000_000, (slot + 2 * hour) / 1_000_000);
    // The state is restored after the second evaluation: from the third on, ALERTS are written.
    assertThat(samples(tsdb, "ALERTS")).extracting(s -> (long) s[0]).containsExactly((slot + 2 * hour) / 1_000_000);
    GroupState state = m.groups().get(0);
    assertThat(state.alerts().get(1)).singleElement().satisfies(a -> {
      assertThat(a.state()).isEqualTo("firing");
      assertThat(a.annotations()).containsEntry("summary", "a is down (0)");
    });
    sentAfterDrain(1);
    AlertNotification n = sent.get(0);
    assertThat((Object) n.labels()).isEqualTo(Labels.of("alertname", "Down", "instance", "a", "job", "node"));
    assertThat(n.startsAtMillis()).isEqualTo((slot + 2 * hour) / 1_000_000);
    assertThat(n.endsAtMillis()).isEqualTo((slot + 2 * hour) / 1_000_000 + 4 * 3_600_000L);
    assertThat(n.generatorUrl()).isEqualTo("http://query:10902/graph?g0.expr=up+%3D%3D+0&g0.tab=1");
    assertThat(registry.counter("prometheus_rule_evaluations_total", "rule_group", f + ";g", "strategy", "abort")
        .count()).isEqualTo(6);
    assertThat(registry.get("prometheus_rule_group_interval_seconds").gauge().value()).isEqualTo(3600);

    data.clear();
    clock.advance(Duration.ofHours(1));
    r.evaluateAt(slot + 3 * hour);
    assertThat(samples(tsdb, "job:up:sum")).last().satisfies(s -> assertThat(StaleMarker.isStale(s[1])).isTrue());
    sentAfterDrain(2);
    assertThat(sent.get(1).endsAtMillis()).as("resolved at once").isEqualTo((slot + 3 * hour) / 1_000_000);
  }

  private void sentAfterDrain(int n) throws Exception {
    for (AutoCloseable c : closers) {
      if (!(c instanceof RuleManager) && !(c instanceof LocalTsdb)) {
        c.close();
      }
    }
    assertThat(sent).hasSize(n);
  }

  @Test
  void aBadReloadKeepsThePreviousRulesAndAnUnchangedGroupKeepsRunningUntouched() throws Exception {
    LocalTsdb tsdb = tsdb();
    RuleManager m = manager(tsdb, registry);
    Path f = write("r.yml", RULES);
    m.reload(List.of(f.toString()));
    RuleGroupRunner before = runner(m, f + ";g");
    Files.writeString(f, RULES.replace("sum by (job) (up)", "sum by (job) (up"));
    assertThatThrownBy(() -> m.reload(List.of(f.toString()))).isInstanceOf(RuleFileException.class)
        .hasMessageContaining("previous rule set restored").hasMessageContaining("could not parse expression");
    assertThat(registry.get("thanos_rule_config_last_reload_successful").gauge().value()).isZero();
    assertThat(runner(m, f + ";g")).isSameAs(before);

    Files.writeString(f, RULES);
    m.reload(List.of(f.toString()));
    assertThat(runner(m, f + ";g")).isSameAs(before);
    assertThat(registry.get("thanos_rule_config_last_reload_successful").gauge().value()).isEqualTo(1);
    assertThat(registry.get("thanos_rule_loaded_rules").tag("strategy", "abort").gauge().value()).isEqualTo(2);
  }

  @Test
  void aChangedGroupTakesOverItsPredecessorsAlertsAndSeries() throws Exception {
    LocalTsdb tsdb = tsdb();
    RuleManager m = manager(tsdb, registry);
    Path f = write("r.yml", RULES);
    data.append(Labels.of("__name__", "up", "job", "node", "instance", "a"), T0, 0);
    m.reload(List.of(f.toString()));
    RuleGroupRunner before = runner(m, f + ";g");
    before.evaluateAt(T0 * 1_000_000L);
    assertThat(before.state().alerts().get(1)).hasSize(1);

    Files.writeString(f, RULES.replace("record: job:up:sum", "record: job:up:total"));
    m.reload(List.of(f.toString()));
    RuleGroupRunner after = runner(m, f + ";g");
    assertThat(after).isNotSameAs(before);
    assertThat(after.state().alerts().get(1)).singleElement()
        .satisfies(a -> assertThat(a.activeAtMillis()).isEqualTo(T0));
    after.evaluateAt(T0 * 1_000_000L + 60_000_000_000L);
    // The renamed rule's old series is marked stale at the next evaluation.
    assertThat(samples(tsdb, "job:up:sum")).last().satisfies(s -> assertThat(StaleMarker.isStale(s[1])).isTrue());
    assertThat(samples(tsdb, "job:up:total")).hasSize(1);
  }

  @Test
  void forStateIsRestoredAfterARestartAsPrometheusRestoresIt() {
    long min = 60_000;
    AlertingRule rule = new AlertingRule("Down", "up == 0", io.thanosjvm.promql.parser.PromqlParser.parse("up == 0"),
        30 * min, Map.of(), Map.of());
    Labels series = Labels.of("__name__", "up", "instance", "a");
    long restart = T0 + 60 * min;
    // Firing before the outage: keeps its activeAt and fires at the next evaluation.
    AlertingRuleState firing = new AlertingRuleState(rule);
    firing.awaitRestore();
    assertThat(firing.evaluate(restart, List.of(new SeriesValue(series, 0)), AlertTemplates.LITERAL, 0)).isEmpty();
    firing.restore(restart, 10 * min, l -> new ForStateLookup.Sample(T0 + 50 * min, T0 / 1000.0));
    assertThat(firing.alerts().get(0).activeAt()).isEqualTo(T0);
    firing.evaluate(restart + min, List.of(new SeriesValue(series, 0)), AlertTemplates.LITERAL, 0);
    assertThat(firing.alerts().get(0).state()).isEqualTo(Alert.State.FIRING);
    // 5 minutes left at the outage (< grace period): fires after exactly the grace period.
    AlertingRuleState almost = new AlertingRuleState(rule);
    almost.evaluate(restart, List.of(new SeriesValue(series, 0)), AlertTemplates.LITERAL, 0);
    almost.restore(restart, 10 * min, l -> new ForStateLookup.Sample(T0 + 25 * min, T0 / 1000.0));
    assertThat(almost.alerts().get(0).activeAt()).isEqualTo(restart + 10 * min - 30 * min);
    // 20 minutes left: the downtime (35 min) is added.
    AlertingRuleState early = new AlertingRuleState(rule);
    early.evaluate(restart, List.of(new SeriesValue(series, 0)), AlertTemplates.LITERAL, 0);
    early.restore(restart, 10 * min, l -> new ForStateLookup.Sample(T0 + 10 * min + 999, T0 / 1000.0));
    assertThat(early.alerts().get(0).activeAt()).isEqualTo(T0 + (restart - (T0 + 10 * min)));
    // A rule whose for is below the grace period is not restored.
    AlertingRuleState shortFor = new AlertingRuleState(new AlertingRule("Down", "up == 0", rule.parsed(), 5 * min,
        Map.of(), Map.of()));
    shortFor.awaitRestore();
    shortFor.evaluate(restart, List.of(new SeriesValue(series, 0)), AlertTemplates.LITERAL, 0);
    shortFor.restore(restart, 10 * min, l -> {
      throw new AssertionError("not looked up");
    });
    assertThat(shortFor.restored()).isTrue();
    assertThat(shortFor.alerts().get(0).activeAt()).isEqualTo(restart);
  }

  @Test
  void aFiringAlertKeepsFiringAfterARestartFromTheTsdbsForState() throws Exception {
    LocalTsdb tsdb = tsdb();
    RuleManager m = manager(tsdb, registry);
    Path f = write("r.yml", RULES);
    m.reload(List.of(f.toString()));
    RuleGroupRunner r = runner(m, f + ";g");
    long hour = 3_600_000_000_000L;
    long slot = r.timing().firstEval(T0 * 1_000_000L);
    for (int i = 0; i < 7; i++) {
      data.append(Labels.of("__name__", "up", "job", "node", "instance", "a"), slot / 1_000_000 + i * 3_600_000L, 0);
    }
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofHours(1));
      r.evaluateAt(slot + i * hour);
    }
    assertThat(r.state().rules()).as(r.state().toString()).allMatch(s -> s.health().equals("ok"));
    assertThat(r.state().alerts().get(1).get(0).state()).isEqualTo("firing");
    m.close();
    tsdb.close();
    closers.remove(tsdb);

    LocalTsdb reopened = tsdb();
    SimpleMeterRegistry reg2 = new SimpleMeterRegistry();
    RuleManager m2 = manager(reopened, reg2);
    m2.reload(List.of(f.toString()));
    RuleGroupRunner r2 = runner(m2, f + ";g");
    clock.advance(Duration.ofMinutes(30));
    r2.evaluateAt(slot + 4 * hour);
    r2.evaluateAt(slot + 5 * hour);
    assertThat(r2.state().alerts().get(1).get(0).state()).isEqualTo("pending");
    assertThat(r2.state().alerts().get(1).get(0).activeAtMillis()).as("restored from ALERTS_FOR_STATE (seconds)")
        .isEqualTo(slot / 1_000_000_000L * 1000);
    r2.evaluateAt(slot + 6 * hour);
    assertThat(r2.state().alerts().get(1).get(0).state()).isEqualTo("firing");
    assertThat(samples(reopened, "ALERTS_FOR_STATE")).extracting(s -> s[1]).containsOnly(
        (double) (slot / 1_000_000_000L));
  }
}
