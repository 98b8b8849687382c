package io.thanosjvm.query.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.thanosjvm.wire.labelpb.Label;
import io.thanosjvm.wire.labelpb.LabelSet;
import io.thanosjvm.wire.rulespb.Alert;
import io.thanosjvm.wire.rulespb.AlertState;
import io.thanosjvm.wire.rulespb.RecordingRule;
import io.thanosjvm.wire.rulespb.Rule;
import io.thanosjvm.wire.rulespb.RuleGroup;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Thanos' merge of rule groups from HA rulers: groups by file and name, rules without replica labels, one kept. */
class RuleGroupsDedupTest {

  private static LabelSet labels(String... nv) {
    LabelSet.Builder b = LabelSet.newBuilder();
    for (int i = 0; i < nv.length; i += 2) {
      b.addLabels(Label.newBuilder().setName(nv[i]).setValue(nv[i + 1]));
    }
    return b.build();
  }

  private static Rule recording(String name, String replica, long evaluatedAt) {
    return Rule.newBuilder().setRecording(RecordingRule.newBuilder().setName(name).setQuery("sum(up)")
        .setLabels(labels("replica", replica, "team", "a")).setHealth("ok")
        .setLastEvaluation(Timestamp.newBuilder().setSeconds(evaluatedAt))).build();
  }

  private static Rule alert(String name, String replica, AlertState state, long evaluatedAt) {
    return Rule.newBuilder().setAlert(Alert.newBuilder().setName(name).setQuery("up == 0").setState(state)
        .setLabels(labels("replica", replica, "severity", "page")).setHealth("ok")
        .setLastEvaluation(Timestamp.newBuilder().setSeconds(evaluatedAt))).build();
  }

  private static RuleGroup group(String file, String name, Rule... rules) {
    return RuleGroup.newBuilder().setFile(file).setName(name).setInterval(30).addAllRules(List.of(rules)).build();
  }

  @Test
  void replicasOfOneGroupBecomeOneGroupWithEachRuleOnce() {
    List<RuleGroup> out = RuleGroupsDedup.dedup(List.of(
        group("/rules/a.yml", "g", recording("job:up:sum", "x", 100), alert("Down", "x", AlertState.PENDING, 100)),
        group("/rules/a.yml", "g", recording("job:up:sum", "y", 101), alert("Down", "y", AlertState.FIRING, 99))),
        Set.of("replica"));
    assertThat(out).hasSize(1);
    List<Rule> rules = out.get(0).getRulesList();
    assertThat(rules).hasSize(2);
    assertThat(rules.get(0).hasAlert()).as("alerting rules sort first").isTrue();
    assertThat(rules.get(0).getAlert().getState()).as("the most critical copy").isEqualTo(AlertState.FIRING);
    assertThat(rules.get(0).getAlert().getLabels()).isEqualTo(labels("severity", "page"));
    assertThat(rules.get(1).getRecording().getLastEvaluation().getSeconds()).as("the latest evaluated copy")
        .isEqualTo(101);
    assertThat(rules.get(1).getRecording().getLabels()).isEqualTo(labels("team", "a"));
  }

  @Test
  void equalStatesKeepTheLatestEvaluatedAlert() {
    List<Rule> rules = RuleGroupsDedup.dedup(List.of(
        group("f", "g", alert("Down", "x", AlertState.FIRING, 200)),
        group("f", "g", alert("Down", "y", AlertState.FIRING, 300))), Set.of("replica")).get(0).getRulesList();
    assertThat(rules).hasSize(1);
    assertThat(rules.get(0).getAlert().getLastEvaluation().getSeconds()).isEqualTo(300);
  }

  @Test
  void withoutReplicaLabelsTheCopiesStayApart() {
    assertThat(RuleGroupsDedup.dedup(List.of(group("f", "g", recording("r", "x", 1)),
        group("f", "g", recording("r", "y", 1))), Set.of()).get(0).getRulesList()).hasSize(2);
  }

  @Test
  void groupsOfOtherFilesOrNamesStaySeparateAndSortedByKey() {
    List<RuleGroup> out = RuleGroupsDedup.dedup(List.of(group("b.yml", "g", recording("r", "x", 1)),
        group("a.yml", "h", recording("r", "x", 1)), group("a.yml", "g", recording("r", "x", 1))),
        Set.of("replica"));
    assertThat(out).extracting(RuleGroupsDedup::key).containsExactly("a.yml;g", "a.yml;h", "b.yml;g");
  }

  @Test
  void differentQueriesOrForDurationsAreDifferentRules() {
    Rule a = alert("Down", "x", AlertState.FIRING, 1);
    Rule b = Rule.newBuilder().setAlert(a.getAlert().toBuilder().setDurationSeconds(60)).build();
    Rule c = Rule.newBuilder().setAlert(a.getAlert().toBuilder().setQuery("up < 1")).build();
    assertThat(RuleGroupsDedup.dedup(List.of(group("f", "g", a, b, c)), Set.of("replica")).get(0)
        .getRulesList()).hasSize(3);
  }
}
