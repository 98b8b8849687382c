package io.thanosjvm.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.model.Labels;
import io.thanosjvm.rules.AlertView;
import io.thanosjvm.rules.GroupState;
import io.thanosjvm.rules.RuleFileParser;
import io.thanosjvm.rules.RuleGroup;
import io.thanosjvm.rules.RuleStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ruler's server-rendered pages escape everything users control (names, expressions, labels, annotations). */
class RulesPagesTest {

  @Test
  void pagesEscapeRuleFileAndAlertContent() {
    RuleGroup g = RuleFileParser.parse("<rules>.yml", """
        groups:
          - name: "<g>"
            rules:
              - alert: A
                expr: up < 1
                keep_firing_for: 5m
                annotations: {s: "<b>{{ $value }}</b>"}
        """).get(0);
    GroupState state = new GroupState(g, 1000, 0, 0,
        List.of(new RuleStatus("err", "bad <thing>", 1_700_000_000_000L, 1000)),
        List.of(List.of(new AlertView(Labels.of("alertname", "A", "x", "<y>"), Map.of("s", "<b>1</b>"), "pending",
            1_700_000_000_000L, 1))));
    RulesPages pages = new RulesPages(() -> List.of(state));
    String alerts = pages.alerts();
    assertThat(alerts).contains("Pending (1)").contains("expr: up &lt; 1").contains("keep_firing_for: 5m")
        .contains("x=\"&lt;y&gt;\"").contains("&lt;b&gt;1&lt;/b&gt;").contains("&lt;rules&gt;.yml &gt; &lt;g&gt;")
        .doesNotContain("<b>1").doesNotContain("<y>");
    String rules = pages.rules();
    assertThat(rules).contains("<h2>&lt;g&gt;</h2>").contains("bad &lt;thing&gt;").contains("class=\"health err\"")
        .contains("2023-11-14T22:13:20Z").doesNotContain("<thing>");
  }
}
