package io.thanosjvm.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.model.Labels;
import io.thanosjvm.promql.parser.PromqlParser;
import io.thanosjvm.wire.storepb.PartialResponseStrategy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusAlertTemplatesTest {

  @Test
  void alertsAreExpandedWithLabelsValueExternalLabelsAndQueries() {
    RuleQuery query = (expr, t, strategy) -> List.of(new SeriesValue(Labels.of("job", "node"), 3));
    PrometheusAlertTemplates templates = new PrometheusAlertTemplates(Labels.of("cluster", "eu"),
        "http://ruler:10902", query, PartialResponseStrategy.ABORT);
    AlertingRuleState s = new AlertingRuleState(new AlertingRule("Down", "up == 0", PromqlParser.parse("up == 0"), 0,
        Map.of("severity", "{{ if gt $value 0.5 }}page{{ else }}ticket{{ end }}"),
        Map.of("summary", "{{ $labels.instance }} of {{ $externalLabels.cluster }} is {{ $value | humanize }}",
            "count", "{{ with query \"count(up)\" }}{{ . | first | value }}{{ end }}")));
    s.evaluate(0, List.of(new SeriesValue(Labels.of("__name__", "up", "instance", "a"), 1234567)), templates, 0);
    Alert a = s.alerts().get(0);
    assertThat(a.labels().get("severity")).isEqualTo("page");
    assertThat(a.annotations()).containsEntry("summary", "a of eu is 1.235M").containsEntry("count", "3");
  }
}
