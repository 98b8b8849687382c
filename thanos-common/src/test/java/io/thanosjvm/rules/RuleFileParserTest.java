package io.thanosjvm.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.wire.storepb.PartialResponseStrategy;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleFileParserTest {

  private static final String GOOD = """
      groups:
        - name: node
          interval: 30s
          partial_response_strategy: WARN
          rules:
            - record: job:up:sum
              expr: sum by (job) (up)
              labels: {team: infra}
            - alert: InstanceDown
              expr: up == 0
              for: 5m
              labels: {severity: page}
              annotations:
                summary: "{{ $labels.instance }} down"
                description: "for more than 5 minutes"
        - name: other
          limit: 10
          rules:
            - alert: Always
              expr: vector(1)
      """;

  @Test
  void readsGroupsRulesAndThanosStrategy() {
    List<RuleGroup> groups = RuleFileParser.parse("r.yml", GOOD);
    assertThat(groups).hasSize(2);
    RuleGroup node = groups.get(0);
    assertThat(node.intervalMillis()).isEqualTo(30_000);
    assertThat(node.partialResponseStrategy()).isEqualTo(PartialResponseStrategy.WARN);
    assertThat(node.rules().get(0)).isInstanceOfSatisfying(RecordingRule.class, r -> {
      assertThat(r.name()).isEqualTo("job:up:sum");
      assertThat(r.labels().get("team")).isEqualTo("infra");
    });
    assertThat(node.rules().get(1)).isInstanceOfSatisfying(AlertingRule.class, r -> {
      assertThat(r.forMillis()).isEqualTo(300_000);
      assertThat(r.annotations()).containsKeys("summary", "description");
      assertThat(r.annotations().keySet()).containsExactly("summary", "description");
    });
    RuleGroup other = groups.get(1);
    assertThat(other.partialResponseStrategy()).isEqualTo(PartialResponseStrategy.ABORT);
    assertThat(other.limit()).isEqualTo(10);
    assertThat(other.effectiveIntervalMillis(60_000)).isEqualTo(60_000);
  }

  @Test
  void reportsEveryProblemWithPromtoolsWording() {
    String bad = """
        groups:
          - name: g
            rules:
              - record: "bad name"
                expr: up
                for: 1m
                keep_firing_for: 1m
                annotations: {a: b}
              - alert: A
                record: b
                expr: up
              - alert: NoExpr
              - alert: BadExpr
                expr: sum(
              - alert: Labels
                expr: up
                labels: {"__name__": x, "0bad": y}
              - alert: Keys
                expr: up
                keep_firing: 5m
          - name: g
            rules: []
          - name: ""
            partial_response_strategy: sometimes
        """;
    assertThatThrownBy(() -> RuleFileParser.parse("bad.yml", bad)).isInstanceOfSatisfying(RuleFileException.class,
        e -> assertThat(e.problems()).contains(
            "group \"g\", rule 1, \"bad name\": invalid field 'annotations' in recording rule",
            "group \"g\", rule 1, \"bad name\": invalid field 'for' in recording rule",
            "group \"g\", rule 1, \"bad name\": invalid field 'keep_firing_for' in recording rule",
            "group \"g\", rule 1, \"bad name\": invalid recording rule name: bad name",
            "group \"g\", rule 2, \"A\": only one of 'record' and 'alert' must be set",
            "group \"g\", rule 3, \"NoExpr\": field 'expr' must be set in rule",
            "group \"g\", rule 5, \"Labels\": invalid label name: __name__",
            "group \"g\", rule 5, \"Labels\": invalid label name: 0bad",
            "group \"g\", rule 6, \"Keys\": field keep_firing not found in type rulefmt.RuleNode",
            "groupname: \"g\" is repeated in the same file",
            "Groupname must not be empty")
            .anyMatch(p -> p.startsWith("group \"g\", rule 4, \"BadExpr\": could not parse expression: "))
            .anyMatch(p -> p.startsWith("failed to unmarshal 'partial_response_strategy'")));
  }

  @Test
  void alertTemplatesThatDoNotParseAreReportedAsPromtoolDoes() {
    String file = """
        groups:
          - name: g
            rules:
              - alert: X
                expr: up
                annotations:
                  summary: "{{ foo $value }}"
                  other: "{{ if }}"
        """;
    // promtool 2.42 check rules prints exactly these two problems for this file
    assertThatThrownBy(() -> RuleFileParser.parse("t.yml", file)).isInstanceOfSatisfying(RuleFileException.class,
        e -> assertThat(e.problems()).containsExactly(
            "group \"g\", rule 1, \"X\": annotation \"summary\": template: __alert_X:1: function \"foo\" not defined",
            "group \"g\", rule 1, \"X\": annotation \"other\": template: __alert_X:1: missing value for if"));
  }

  @Test
  void anEmptyFileHasNoGroups() {
    assertThat(RuleFileParser.parse("e.yml", "")).isEmpty();
    assertThat(RuleFileParser.parse("e.yml", "groups: []")).isEmpty();
  }

  @Test
  void keepFiringForIsReadAsPrometheus242ReadsIt() {
    List<RuleGroup> groups = RuleFileParser.parse("k.yml", """
        groups:
          - name: g
            rules:
              - alert: A
                expr: up == 0
                keep_firing_for: 5m
        """);
    assertThat(((AlertingRule) groups.get(0).rules().get(0)).keepFiringForMillis()).isEqualTo(300_000);
  }

  @Test
  void groupLabelsAreAddedToEveryRuleTheRulesOwnLabelsWinning() {
    List<RuleGroup> groups = RuleFileParser.parse("l.yml", """
        groups:
          - name: g
            labels: {team: ops, severity: info}
            rules:
              - record: job:up:sum
                expr: sum by (job) (up)
              - alert: Down
                expr: up == 0
                labels: {severity: page}
        """);
    RecordingRule recording = (RecordingRule) groups.get(0).rules().get(0);
    assertThat((Object) recording.labels()).isEqualTo(io.thanosjvm.model.Labels.of("severity", "info", "team", "ops"));
    AlertingRule alert = (AlertingRule) groups.get(0).rules().get(1);
    assertThat(alert.labels()).containsExactly(java.util.Map.entry("team", "ops"),
        java.util.Map.entry("severity", "page"));
    assertThatThrownBy(() -> RuleFileParser.parse("l.yml", """
        groups:
          - name: g
            labels: {"0bad": x}
            rules: []
        """)).isInstanceOfSatisfying(RuleFileException.class,
        e -> assertThat(e.problems()).contains("group \"g\": invalid label name: 0bad"));
  }
}
