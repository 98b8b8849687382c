package io.thanosjvm.rules;

import io.thanosjvm.model.Label;
import io.thanosjvm.model.Labels;
import io.thanosjvm.rules.template.QueryFunction;
import io.thanosjvm.rules.template.QuerySample;
import io.thanosjvm.rules.template.TemplateData;
import io.thanosjvm.rules.template.TemplateExpander;
import io.thanosjvm.wire.storepb.PartialResponseStrategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alert templates expanded with Prometheus' template language ({@link TemplateExpander#expandAlert}): each template
 * sees {@code $labels} (the result series), {@code $externalLabels}, {@code $externalURL} and {@code $value}, and its
 * {@code query} function runs through the ruler's query path at the evaluation time.
 */
public final class PrometheusAlertTemplates implements AlertTemplates {

  private final Map<String, String> externalLabels;
  private final String externalUrl;
  private final RuleQuery query;
  private final PartialResponseStrategy strategy;

  /**
   * Templates for one rule group.
   *
   * @param externalLabels the ruler's external labels ({@code --label})
   * @param externalUrl the URL alerts link back to (Go's {@code url.URL.String()} form)
   * @param query the query path behind the {@code query} template function
   * @param strategy the group's partial response strategy for those queries
   */
  public PrometheusAlertTemplates(Labels externalLabels, String externalUrl, RuleQuery query,
      PartialResponseStrategy strategy) {
    this.externalLabels = externalLabels.toMap();
    this.externalUrl = externalUrl;
    this.query = query;
    this.strategy = strategy;
  }

  @Override
  public String expand(String ruleName, String text, Labels series, double value, long evalMillis) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Label l : series) {
      labels.put(l.name(), l.value());
    }
    QueryFunction fn = q -> {
      try {
        List<QuerySample> out = new ArrayList<>();
        for (SeriesValue s : query.query(q, evalMillis, strategy)) {
          out.add(new QuerySample(s.labels().toMap(), s.value(), evalMillis));
        }
        return out;
      } catch (RuntimeException e) {
        throw new QueryFunction.QueryException(e.getMessage() == null ? e.toString() : e.getMessage());
      }
    };
    return TemplateExpander.expandAlert(ruleName, text, new TemplateData(labels, externalLabels, externalUrl, value),
        fn);
  }
}
