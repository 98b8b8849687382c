package io.thanosjvm.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.StaleMarker;
import io.thanosjvm.promql.engine.Engine;
import io.thanosjvm.promql.engine.EngineOptions;
import io.thanosjvm.promql.storage.InMemoryQueryable;
import io.thanosjvm.wire.storepb.PartialResponseStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleGroupEvaluatorTest {

  private static final String FILE = """
      groups:
        - name: g
          rules:
            - record: job:up:sum
              expr: sum by (job) (up)
              labels: {source: rule}
            - alert: Down
              expr: up == 0
            - record: broken
              expr: up
              labels: {instance: same}
      """;

  /** Answers from a fixed list per call, in the order the rules query (a stand-in for Query's API). */
  private static RuleQuery scripted(List<List<SeriesValue>> answers) {
    List<List<SeriesValue>> queue = new ArrayList<>(answers);
    return (expr, t, strategy) -> queue.remove(0);
  }

  @Test
  void recordsRenamedSeriesFeedsAlertsAndKeepsGoingPastAFailingRule() {
    RuleGroupEvaluator ev = new RuleGroupEvaluator(RuleFileParser.parse("f", FILE).get(0));
    Labels upA = Labels.of("__name__", "up", "instance", "a", "job", "node");
    Labels upB = Labels.of("__name__", "up", "instance", "b", "job", "node");
    GroupEvaluation first = ev.evaluate(1000, scripted(List.of(
        List.of(new SeriesValue(Labels.of("job", "node"), 1)),
        List.of(new SeriesValue(upB, 0)),
        List.of(new SeriesValue(upA, 1), new SeriesValue(upB, 0)))), AlertTemplates.LITERAL);
    assertThat(first.samples()).contains(new SeriesValue(Labels.of("__name__", "job:up:sum", "job", "node",
        "source", "rule"), 1));
    assertThat(first.samples()).anyMatch(s -> s.labels().get("__name__").equals("ALERTS")
        && s.labels().get("alertstate").equals("firing") && s.labels().get("instance").equals("b"));
    assertThat(first.failures()).containsExactly(
        Map.entry(2, "vector contains metrics with the same labelset after applying rule labels"));

    GroupEvaluation second = ev.evaluate(61_000, scripted(List.of(List.of(), List.of(), List.of())),
        AlertTemplates.LITERAL);
    assertThat(second.failures()).isEmpty();
    assertThat(second.samples()).hasSize(3).allMatch(s -> StaleMarker.isStale(s.value()));
    assertThat(second.samples()).extracting(s -> s.labels().get("__name__"))
        .containsExactlyInAnyOrder("job:up:sum", "ALERTS", "ALERTS_FOR_STATE");
  }

  @Test
  void runsAgainstTheRealPromqlEngine() {
    InMemoryQueryable data = new InMemoryQueryable();
    data.append(Labels.of("__name__", "up", "instance", "a", "job", "node"), 0, 1);
    data.append(Labels.of("__name__", "up", "instance", "b", "job", "node"), 0, 0);
    Engine engine = new Engine(EngineOptions.defaults());
    RuleQuery query = (expr, t, strategy) -> EngineRuleQuery.instant(engine, data, expr, t);
    RuleGroupEvaluator ev = new RuleGroupEvaluator(RuleFileParser.parse("f", FILE.substring(0,
        FILE.indexOf("- record: broken"))).get(0));
    GroupEvaluation e = ev.evaluate(30_000, query, AlertTemplates.LITERAL);
    assertThat(e.failures()).isEmpty();
    assertThat(e.samples()).contains(new SeriesValue(Labels.of("__name__", "job:up:sum", "job", "node",
        "source", "rule"), 1));
    assertThat(ev.alertingStates().get(1).alerts()).singleElement()
        .satisfies(a -> assertThat(a.labels().get("instance")).isEqualTo("b"));
    assertThat(PartialResponseStrategy.ABORT).isEqualTo(ev.group().partialResponseStrategy());
  }
}
