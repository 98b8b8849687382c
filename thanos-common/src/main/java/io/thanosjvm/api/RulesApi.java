package io.thanosjvm.api;

import io.thanosjvm.block.GoTime;
import io.thanosjvm.model.Labels;
import io.thanosjvm.promql.ast.GoFloat;
import io.thanosjvm.rules.AlertView;
import io.thanosjvm.rules.AlertingRule;
import io.thanosjvm.rules.GroupState;
import io.thanosjvm.rules.RecordingRule;
import io.thanosjvm.rules.Rule;
import io.thanosjvm.rules.RuleStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Prometheus' {@code /api/v1/rules} and {@code /api/v1/alerts} over the ruler's groups, in Prometheus 2.42's JSON
 * (labels and annotations as sorted maps, times as Go's RFC 3339, alert values as Go's {@code %e}, durations in
 * float seconds) plus Thanos' {@code partialResponseStrategy} per group. {@code type=alert|record} filters the
 * rules, as in Prometheus.
 */
public final class RulesApi {

  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private final Supplier<List<GroupState>> groups;

  /** An API over the groups {@code groups} gives at each call. */
  public RulesApi(Supplier<List<GroupState>> groups) {
    this.groups = groups;
  }

  /** {@code GET /api/v1/rules}. */
  public ApiResponse rules(ApiParams p) {
    String type = p.get("type");
    boolean alerts = type == null || type.isEmpty() || type.equalsIgnoreCase("alert");
    boolean records = type == null || type.isEmpty() || type.equalsIgnoreCase("record");
    if (!alerts && !records) {
      return ApiResponse.error(ApiError.BAD_DATA, "invalid query parameter type='" + type + "'");
    }
    StringBuilder sb = new StringBuilder("{\"groups\":[");
    boolean firstGroup = true;
    for (GroupState g : groups.get()) {
      sb.append(firstGroup ? "" : ",");
      firstGroup = false;
      sb.append("{\"name\":");
      PromJson.string(sb, g.group().name());
      sb.append(",\"file\":");
      PromJson.string(sb, g.group().file());
      sb.append(",\"rules\":[");
      boolean firstRule = true;
      for (int i = 0; i < g.group().rules().size(); i++) {
        Rule r = g.group().rules().get(i);
        if ((r instanceof AlertingRule && !alerts) || (r instanceof RecordingRule && !records)) {
          continue;
        }
        sb.append(firstRule ? "" : ",");
        firstRule = false;
        rule(sb, r, g.rules().get(i), g.alerts().get(i));
      }
      sb.append("],\"interval\":").append(seconds(g.intervalMillis() * 1_000_000L));
      sb.append(",\"limit\":").append(g.group().limit());
      sb.append(",\"evaluationTime\":").append(seconds(g.evaluationNanos()));
      sb.append(",\"lastEvaluation\":");
      time(sb, g.lastEvaluationMillis());
      sb.append(",\"partialResponseStrategy\":\"").append(g.group().partialResponseStrategy().name()).append("\"}");
    }
    sb.append("]}");
    return ApiResponse.success(sb.toString(), List.of());
  }

  /** {@code GET /api/v1/alerts}: the pending and firing alerts of every alerting rule. */
  public ApiResponse alerts() {
    StringBuilder sb = new StringBuilder("{\"alerts\":[");
    boolean first = true;
    for (GroupState g : groups.get()) {
      for (List<AlertView> as : g.alerts()) {
        for (AlertView a : as) {
          if (a.state().equals("inactive")) {
            continue;
          }
          sb.append(first ? "" : ",");
          first = false;
          alert(sb, a);
        }
      }
    }
    sb.append("]}");
    return ApiResponse.success(sb.toString(), List.of());
  }

  private static void rule(StringBuilder sb, Rule r, RuleStatus status, List<AlertView> alerts) {
    if (r instanceof AlertingRule a) {
      String state = "inactive";
      for (AlertView v : alerts) {
        if (v.state().equals("firing")) {
          state = "firing";
        } else if (v.state().equals("pending") && state.equals("inactive")) {
          state = "pending";
        }
      }
      sb.append("{\"state\":\"").append(state).append("\",\"name\":");
      PromJson.string(sb, a.name());
      sb.append(",\"query\":");
      PromJson.string(sb, a.parsed().toString());
      sb.append(",\"duration\":").append(seconds(a.forMillis() * 1_000_000L));
      sb.append(",\"keepFiringFor\":").append(seconds(a.keepFiringForMillis() * 1_000_000L));
      sb.append(",\"labels\":");
      map(sb, a.labels());
      sb.append(",\"annotations\":");
      map(sb, a.annotations());
      sb.append(",\"alerts\":[");
      boolean first = true;
      for (AlertView v : alerts) {
        if (v.state().equals("inactive")) {
          continue;
        }
        sb.append(first ? "" : ",");
        first = false;
        alert(sb, v);
      }
      sb.append(']');
    } else {
      RecordingRule rr = (RecordingRule) r;
      sb.append("{\"name\":");
      PromJson.string(sb, rr.name());
      sb.append(",\"query\":");
      PromJson.string(sb, rr.parsed().toString());
      if (!rr.labels().isEmpty()) {
        sb.append(",\"labels\":");
        PromJson.labels(sb, rr.labels());
      }
    }
    sb.append(",\"health\":\"").append(status.health()).append('"');
    if (!status.lastError().isEmpty()) {
      sb.append(",\"lastError\":");
      PromJson.string(sb, status.lastError());
    }
    sb.append(",\"evaluationTime\":").append(seconds(status.evaluationNanos()));
    sb.append(",\"lastEvaluation\":");
    time(sb, status.lastEvaluationMillis());
    sb.append(",\"type\":\"").append(r instanceof AlertingRule ? "alerting" : "recording").append("\"}");
  }

  private static void alert(StringBuilder sb, AlertView a) {
    sb.append("{\"labels\":");
    PromJson.labels(sb, a.labels());
    sb.append(",\"annotations\":");
    map(sb, a.annotations());
    sb.append(",\"state\":\"").append(a.state()).append("\",\"activeAt\":");
    time(sb, a.activeAtMillis());
    sb.append(",\"value\":");
    PromJson.string(sb, GoFloat.formatE(a.value()));
    sb.append('}');
  }

  private static void map(StringBuilder sb, Map<String, String> m) {
    PromJson.labels(sb, Labels.fromMap(new TreeMap<>(m)));
  }

  private static void time(StringBuilder sb, long millis) {
    sb.append('"').append(millis == 0 ? ZERO_TIME : GoTime.rfc3339Nano(Instant.ofEpochMilli(millis))).append('"');
  }

  /** Seconds as Go's encoding/json writes a float64: 'f' between 1e-6 and 1e21, else 'e' with a short exponent. */
  private static String seconds(long nanos) {
    return goFloat(nanos / 1e9);
  }

  /** A float64 as Go's encoding/json writes it: 'f' between 1e-6 and 1e21, else 'e' with a short exponent. */
  static String goFloat(double v) {
    double abs = Math.abs(v);
    if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
      return GoFloat.formatE(v).replace("e-0", "e-").replace("e+0", "e+");
    }
    return GoFloat.formatF(v);
  }
}
