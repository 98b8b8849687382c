package io.thanosjvm.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.model.Labels;
import io.thanosjvm.promql.parser.PromqlParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertingRuleStateTest {

  private static final long MIN = 60_000;
  private static final Labels UP_A = Labels.of("__name__", "up", "instance", "a", "job", "node");

  private static AlertingRuleState rule(long forMillis) {
    return new AlertingRuleState(new AlertingRule("InstanceDown", "up == 0", PromqlParser.parse("up == 0"),
        forMillis, Map.of("severity", "page"), Map.of("summary", "down")));
  }

  @Test
  void pendingThenFiringAfterForThenResolvedAndKeptFifteenMinutes() {
    AlertingRuleState s = rule(5 * MIN);
    long t0 = 1_700_000_000_000L;
    List<SeriesValue> samples = s.evaluate(t0, List.of(new SeriesValue(UP_A, 0)), AlertTemplates.LITERAL, 0);
    Alert a = s.alerts().get(0);
    assertThat(a.state()).isEqualTo(Alert.State.PENDING);
    assertThat((Object) a.labels()).isEqualTo(Labels.of("alertname", "InstanceDown", "instance", "a", "job", "node",
        "severity", "page"));
    assertThat(samples).containsExactly(
        new SeriesValue(Labels.of("__name__", "ALERTS", "alertname", "InstanceDown", "alertstate", "pending",
            "instance", "a", "job", "node", "severity", "page"), 1),
        new SeriesValue(Labels.of("__name__", "ALERTS_FOR_STATE", "alertname", "InstanceDown", "instance", "a",
            "job", "node", "severity", "page"), t0 / 1000));
    assertThat(s.toSend(t0, MIN, MIN)).isEmpty();

    s.evaluate(t0 + 4 * MIN, List.of(new SeriesValue(UP_A, 0)), AlertTemplates.LITERAL, 0);
    assertThat(a.state()).isEqualTo(Alert.State.PENDING);
    s.evaluate(t0 + 5 * MIN, List.of(new SeriesValue(UP_A, 0)), AlertTemplates.LITERAL, 0);
    assertThat(a.state()).isEqualTo(Alert.State.FIRING);
    assertThat(a.firedAt()).isEqualTo(t0 + 5 * MIN);
    assertThat(s.toSend(t0 + 5 * MIN, MIN, 30_000)).containsExactly(a);
    assertThat(a.validUntil()).isEqualTo(t0 + 9 * MIN);
    assertThat(s.toSend(t0 + 5 * MIN + 30_000, MIN, 30_000)).isEmpty();
    assertThat(s.toSend(t0 + 6 * MIN + 1, MIN, 30_000)).containsExactly(a);

    assertThat(s.evaluate(t0 + 7 * MIN, List.of(), AlertTemplates.LITERAL, 0)).isEmpty();
    assertThat(a.state()).isEqualTo(Alert.State.INACTIVE);
    assertThat(a.resolvedAt()).isEqualTo(t0 + 7 * MIN);
    assertThat(s.toSend(t0 + 7 * MIN, MIN, 30_000)).containsExactly(a);
    assertThat(AlertNotification.of(a, a.labels(), "http://q/graph").endsAtMillis()).isEqualTo(t0 + 7 * MIN);
    s.evaluate(t0 + 22 * MIN, List.of(), AlertTemplates.LITERAL, 0);
    assertThat(s.alerts()).containsExactly(a);
    s.evaluate(t0 + 22 * MIN + 1, List.of(), AlertTemplates.LITERAL, 0);
    assertThat(s.alerts()).isEmpty();
  }

  @Test
  void aPendingAlertWhoseSeriesGoesAwayIsDroppedAndAReturningOneStartsOver() {
    AlertingRuleState s = rule(5 * MIN);
    s.evaluate(0, List.of(new SeriesValue(UP_A, 0)), AlertTemplates.LITERAL, 0);
    s.evaluate(MIN, List.of(), AlertTemplates.LITERAL, 0);
    assertThat(s.alerts()).isEmpty();
    s.evaluate(2 * MIN, List.of(new SeriesValue(UP_A, 0)), AlertTemplates.LITERAL, 0);
    assertThat(s.alerts().get(0).activeAt()).isEqualTo(2 * MIN);
  }

  @Test
  void forZeroFiresAtOnceAndTemplatesSeeEachSeries() {
    AlertingRuleState s = rule(0);
    AlertTemplates echo = (name, text, series, value, t) -> text + ":" + series.get("instance") + "=" + value;
    s.evaluate(0, List.of(new SeriesValue(UP_A, 0)), echo, 0);
    Alert a = s.alerts().get(0);
    assertThat(a.state()).isEqualTo(Alert.State.FIRING);
    assertThat(a.labels().get("severity")).isEqualTo("page:a=0.0");
    assertThat(a.annotations()).containsEntry("summary", "down:a=0.0");
  }

  @Test
  void duplicateAlertsAndTheLimitFailTheEvaluationWithPrometheusTexts() {
    AlertingRuleState s = rule(0);
    Labels upB = Labels.of("__name__", "other", "instance", "a", "job", "node");
    assertThatThrownBy(() -> s.evaluate(0, List.of(new SeriesValue(UP_A, 0), new SeriesValue(upB, 0)),
        AlertTemplates.LITERAL, 0))
        .hasMessage("vector contains metrics with the same labelset after applying alert labels");
    Labels upC = Labels.of("__name__", "up", "instance", "c", "job", "node");
    assertThatThrownBy(() -> s.evaluate(0, List.of(new SeriesValue(UP_A, 0), new SeriesValue(upC, 0)),
        AlertTemplates.LITERAL, 1)).hasMessage("exceeded limit of 1 with 2 alerts");
    assertThat(s.alerts()).isEmpty();
  }

  @Test
  void alertmanagerPayloadIsV2PostableAlerts() {
    AlertNotification n = new AlertNotification(Labels.of("alertname", "X", "severity", "page"),
        Map.of("summary", "s \"q\""), 1_700_000_000_000L, 1_700_000_240_000L, "http://q:10902/graph?g0.expr=up");
    assertThat(AlertmanagerV2Json.encode(List.of(n))).isEqualTo("[{\"labels\":{\"alertname\":\"X\","
        + "\"severity\":\"page\"},\"annotations\":{\"summary\":\"s \\\"q\\\"\"},"
        + "\"startsAt\":\"2023-11-14T22:13:20.000Z\",\"endsAt\":\"2023-11-14T22:17:20.000Z\","
        + "\"generatorURL\":\"http://q:10902/graph?g0.expr=up\"}]");
  }

  @Test
  void keepFiringForKeepsAFiringAlertFiringAfterItsSeriesIsGoneThenResolvesIt() {
    AlertingRuleState s = new AlertingRuleState(new AlertingRule("InstanceDown", "up == 0",
        PromqlParser.parse("up == 0"), 0, Map.of(), Map.of(), 2 * MIN));
    long t0 = 1_700_000_000_000L;
    s.evaluate(t0, List.of(new SeriesValue(UP_A, 0)), AlertTemplates.LITERAL, 0);
    Alert a = s.alerts().get(0);
    assertThat(a.state()).as("no for: fires at once").isEqualTo(Alert.State.FIRING);
    List<SeriesValue> kept = s.evaluate(t0 + MIN, List.of(), AlertTemplates.LITERAL, 0);
    assertThat(a.state()).isEqualTo(Alert.State.FIRING);
    assertThat(a.keepFiringSince()).isEqualTo(t0 + MIN);
    assertThat(kept).as("ALERTS and ALERTS_FOR_STATE still written").hasSize(2);
    s.evaluate(t0 + 2 * MIN, List.of(new SeriesValue(UP_A, 0)), AlertTemplates.LITERAL, 0);
    assertThat(a.keepFiringSince()).as("back: the keep-firing clock restarts").isZero();
    s.evaluate(t0 + 3 * MIN, List.of(), AlertTemplates.LITERAL, 0);
    s.evaluate(t0 + 4 * MIN, List.of(), AlertTemplates.LITERAL, 0);
    assertThat(a.state()).as("1 min < keep_firing_for").isEqualTo(Alert.State.FIRING);
    assertThat(s.evaluate(t0 + 5 * MIN, List.of(), AlertTemplates.LITERAL, 0)).isEmpty();
    assertThat(a.state()).as("2 min without its series: resolved").isEqualTo(Alert.State.INACTIVE);
    assertThat(a.resolvedAt()).isEqualTo(t0 + 5 * MIN);
  }

  @Test
  void keepFiringForDoesNotHoldAPendingAlert() {
    AlertingRuleState s = new AlertingRuleState(new AlertingRule("InstanceDown", "up == 0",
        PromqlParser.parse("up == 0"), 5 * MIN, Map.of(), Map.of(), 10 * MIN));
    long t0 = 1_700_000_000_000L;
    s.evaluate(t0, List.of(new SeriesValue(UP_A, 0)), AlertTemplates.LITERAL, 0);
    assertThat(s.evaluate(t0 + MIN, List.of(), AlertTemplates.LITERAL, 0)).isEmpty();
    assertThat(s.alerts()).isEmpty();
  }
}
