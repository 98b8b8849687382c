package io.thanosjvm.rules;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the ruler's evaluation side needs, from its flags.
 *
 * @param ruleFiles {@code --rule-file} patterns
 * @param queryEndpoints {@code --query} servers
 * @param queryMethod {@code --query.http-method}
 * @param queryTimeout the longest one rule query may take on one server
 * @param alertmanagers {@code --alertmanagers.url} or {@code --alertmanagers.config} targets (empty: alerts are
 *     evaluated but not sent)
 * @param labeling external labels, {@code --alert.label-drop} and {@code --alert.relabel-config}
 * @param generatorUrl {@code --alert.query-url} and {@code --alert.query-template}
 * @param manager intervals, offsets, resend delay and {@code for} restore settings
 * @param evaluationThreads how many groups may evaluate at the same time
 */
public record RulerConfig(List<String> ruleFiles, List<QueryEndpoint> queryEndpoints,
    HttpRuleQuery.Method queryMethod, Duration queryTimeout, List<AlertmanagerTarget> alertmanagers,
    AlertLabeling labeling, GeneratorUrl generatorUrl, RuleManagerSettings manager, int evaluationThreads) {

  /** Validates the configuration. */
  public RulerConfig {
    ruleFiles = List.copyOf(ruleFiles);
    queryEndpoints = List.copyOf(queryEndpoints);
    alertmanagers = List.copyOf(alertmanagers);
    Objects.requireNonNull(queryMethod, "queryMethod");
    Objects.requireNonNull(queryTimeout, "queryTimeout");
    Objects.requireNonNull(labeling, "labeling");
    Objects.requireNonNull(generatorUrl, "generatorUrl");
    Objects.requireNonNull(manager, "manager");
    if (queryEndpoints.isEmpty()) {
      throw new IllegalArgumentException("no --" + io.thanosjvm.cli.FlagNames.QUERY + " or --"
          + io.thanosjvm.cli.FlagNames.QUERY_CONFIG + " address given: the ruler needs a query API to evaluate rules");
    }
    if (evaluationThreads <= 0) {
      throw new IllegalArgumentException("evaluation threads must be positive");
    }
  }

  /** Alertmanagers given by base URL ({@code --alertmanagers.url}), all with {@code alertmanagerTimeout}. */
  public RulerConfig(List<String> ruleFiles, List<QueryEndpoint> queryEndpoints, HttpRuleQuery.Method queryMethod,
      Duration queryTimeout, List<URI> alertmanagers, Duration alertmanagerTimeout, AlertLabeling labeling,
      GeneratorUrl generatorUrl, RuleManagerSettings manager, int evaluationThreads) {
    this(ruleFiles, queryEndpoints, queryMethod, queryTimeout, alertmanagers.stream()
        .map(u -> new AlertmanagerTarget(u, HttpClientConfig.NONE, alertmanagerTimeout)).toList(), labeling,
        generatorUrl, manager, evaluationThreads);
  }
}
