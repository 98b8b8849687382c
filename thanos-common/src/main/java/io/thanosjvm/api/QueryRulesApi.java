package io.thanosjvm.api;

import io.thanosjvm.query.rules.RulesFanout;
import io.thanosjvm.wire.rulespb.RulesRequest;
import io.thanosjvm.wire.storepb.PartialResponseStrategy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The querier's {@code /api/v1/rules} and {@code /api/v1/alerts}, as Thanos serves them: the rules of every
 * endpoint advertising the Rules API, fanned out and deduplicated by the replica labels ({@code --query.replica-label};
 * groups keyed by file and name), in Prometheus' JSON. Parameters: {@code type=alert|record}, {@code rule_name[]},
 * {@code rule_group[]}, {@code file[]}, {@code match[]} (passed on), {@code partial_response} (a failing endpoint is
 * a warning, or with partial response off an error).
 */
public final class QueryRulesApi {

  private final RulesFanout fanout;
  private final boolean partialResponseDefault;
  private final Set<String> replicaLabels;

  /**
   * The API over {@code fanout}.
   *
   * @param partialResponseDefault {@code --query.partial-response}
   * @param replicaLabels {@code --query.replica-label}
   */
  public QueryRulesApi(RulesFanout fanout, boolean partialResponseDefault, List<String> replicaLabels) {
    this.fanout = Objects.requireNonNull(fanout, "fanout");
    this.partialResponseDefault = partialResponseDefault;
    this.replicaLabels = Set.copyOf(new LinkedHashSet<>(replicaLabels));
  }

  /** {@code GET /api/v1/rules}. */
  public ApiResponse rules(ApiParams p) {
    String type = p.get("type") == null ? "" : p.get("type").toLowerCase(Locale.ROOT);
    RulesRequest.Type t;
    switch (type) {
      case "" -> t = RulesRequest.Type.ALL;
      case "alert" -> t = RulesRequest.Type.ALERT;
      case "record" -> t = RulesRequest.Type.RECORD;
      default -> {
        return ApiResponse.error(ApiError.BAD_DATA, "invalid rules parameter type='" + type + "'");
      }
    }
    return fetch(p, t, true);
  }

  /** {@code GET /api/v1/alerts}: the alerts of the deduplicated alerting rules. */
  public ApiResponse alerts(ApiParams p) {
    return fetch(p, RulesRequest.Type.ALERT, false);
  }

  private ApiResponse fetch(ApiParams p, RulesRequest.Type type, boolean groups) {
    PartialResponseStrategy strategy;
    String v = p.get("partial_response");
    if (v == null || v.isEmpty()) {
      strategy = partialResponseDefault ? PartialResponseStrategy.WARN : PartialResponseStrategy.ABORT;
    } else {
      strategy = Boolean.parseBoolean(v) || v.equals("1") ? PartialResponseStrategy.WARN
          : PartialResponseStrategy.ABORT;
    }
    RulesRequest request = RulesRequest.newBuilder().setType(type).setPartialResponseStrategy(strategy)
        .addAllMatcherString(p.all("match[]")).addAllRuleName(p.all("rule_name[]"))
        .addAllRuleGroup(p.all("rule_group[]")).addAllFile(p.all("file[]")).build();
    RulesFanout.Result result;
    try {
      result = fanout.rules(request, replicaLabels);
    } catch (RulesFanout.RulesFanoutException e) {
      return ApiResponse.error(ApiError.INTERNAL, "error retrieving rules: " + e.getMessage());
    }
    String data = groups ? RuleGroupsJson.groups(result.groups()) : RuleGroupsJson.alerts(result.groups());
    return ApiResponse.success(data, result.warnings());
  }
}
