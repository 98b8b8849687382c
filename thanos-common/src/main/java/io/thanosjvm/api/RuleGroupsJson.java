package io.thanosjvm.api;

import com.google.protobuf.Timestamp;
import io.thanosjvm.block.GoTime;
import io.thanosjvm.wire.labelpb.Label;
import io.thanosjvm.wire.labelpb.LabelSet;
import io.thanosjvm.wire.rulespb.Alert;
import io.thanosjvm.wire.rulespb.AlertInstance;
import io.thanosjvm.wire.rulespb.AlertState;
import io.thanosjvm.wire.rulespb.RecordingRule;
import io.thanosjvm.wire.rulespb.Rule;
import io.thanosjvm.wire.rulespb.RuleGroup;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Thanos' Rules API messages as the querier's {@code /api/v1/rules} and {@code /api/v1/alerts} write them
 * (Prometheus' field names; label sets as objects; states lower-cased; times as RFC 3339, Go's zero time before the
 * first evaluation; durations in float seconds; Thanos' {@code partialResponseStrategy} on groups and alerts).
 */
final class RuleGroupsJson {

  private static final long GO_ZERO_SECONDS = -62_135_596_800L;

  private RuleGroupsJson() {}

  /** {@code {"groups":[...]}}. */
  static String groups(List<RuleGroup> groups) {
    StringBuilder sb = new StringBuilder("{\"groups\":[");
    for (int i = 0; i < groups.size(); i++) {
      sb.append(i == 0 ? "" : ",");
      group(sb, groups.get(i));
    }
    return sb.append("]}").toString();
  }

  /** {@code {"alerts":[...]}}: every alert of every alerting rule. */
  static String alerts(List<RuleGroup> groups) {
    StringBuilder sb = new StringBuilder("{\"alerts\":[");
    boolean first = true;
    for (RuleGroup g : groups) {
      for (Rule r : g.getRulesList()) {
        if (!r.hasAlert()) {
          continue;
        }
        for (AlertInstance a : r.getAlert().getAlertsList()) {
          sb.append(first ? "" : ",");
          first = false;
          alert(sb, a);
        }
      }
    }
    return sb.append("]}").toString();
  }

  private static void group(StringBuilder sb, RuleGroup g) {
    sb.append("{\"name\":");
    PromJson.string(sb, g.getName());
    sb.append(",\"file\":");
    PromJson.string(sb, g.getFile());
    sb.append(",\"rules\":[");
    for (int i = 0; i < g.getRulesCount(); i++) {
      sb.append(i == 0 ? "" : ",");
      Rule r = g.getRules(i);
      if (r.hasAlert()) {
        alerting(sb, r.getAlert());
      } else {
        recording(sb, r.getRecording());
      }
    }
    sb.append("],\"interval\":").append(RulesApi.goFloat(g.getInterval()));
    sb.append(",\"limit\":").append(g.getLimit());
    sb.append(",\"evaluationTime\":").append(RulesApi.goFloat(g.getEvaluationDurationSeconds()));
    sb.append(",\"lastEvaluation\":");
    time(sb, g.getLastEvaluation());
    sb.append(",\"partialResponseStrategy\":\"").append(g.getPartialResponseStrategy().name()).append("\"}");
  }

  private static void alerting(StringBuilder sb, Alert a) {
    sb.append("{\"state\":\"").append(state(a.getState())).append("\",\"name\":");
    PromJson.string(sb, a.getName());
    sb.append(",\"query\":");
    PromJson.string(sb, a.getQuery());
    sb.append(",\"duration\":").append(RulesApi.goFloat(a.getDurationSeconds()));
    sb.append(",\"keepFiringFor\":").append(RulesApi.goFloat(a.getKeepFiringForSeconds()));
    sb.append(",\"labels\":");
    labels(sb, a.getLabels());
    sb.append(",\"annotations\":");
    labels(sb, a.getAnnotations());
    sb.append(",\"alerts\":[");
    for (int i = 0; i < a.getAlertsCount(); i++) {
      sb.append(i == 0 ? "" : ",");
      alert(sb, a.getAlerts(i));
    }
    sb.append(']');
    health(sb, a.getHealth(), a.getLastError(), a.getEvaluationDurationSeconds(), a.getLastEvaluation());
    sb.append(",\"type\":\"alerting\"}");
  }

  private static void recording(StringBuilder sb, RecordingRule r) {
    sb.append("{\"name\":");
    PromJson.string(sb, r.getName());
    sb.append(",\"query\":");
    PromJson.string(sb, r.getQuery());
    if (r.getLabels().getLabelsCount() > 0) {
      sb.append(",\"labels\":");
      labels(sb, r.getLabels());
    }
    health(sb, r.getHealth(), r.getLastError(), r.getEvaluationDurationSeconds(), r.getLastEvaluation());
    sb.append(",\"type\":\"recording\"}");
  }

  private static void health(StringBuilder sb, String health, String lastError, double evaluationSeconds,
      Timestamp lastEvaluation) {
    sb.append(",\"health\":");
    PromJson.string(sb, health);
    if (!lastError.isEmpty()) {
      sb.append(",\"lastError\":");
      PromJson.string(sb, lastError);
    }
    sb.append(",\"evaluationTime\":").append(RulesApi.goFloat(evaluationSeconds));
    sb.append(",\"lastEvaluation\":");
    time(sb, lastEvaluation);
  }

  private static void alert(StringBuilder sb, AlertInstance a) {
    sb.append("{\"labels\":");
    labels(sb, a.getLabels());
    sb.append(",\"annotations\":");
    labels(sb, a.getAnnotations());
    sb.append(",\"state\":\"").append(state(a.getState())).append("\",\"activeAt\":");
    time(sb, a.getActiveAt());
    sb.append(",\"value\":");
    PromJson.string(sb, a.getValue());
    sb.append(",\"partialResponseStrategy\":\"").append(a.getPartialResponseStrategy().name()).append("\"}");
  }

  private static String state(AlertState s) {
    return s == AlertState.UNRECOGNIZED ? "inactive" : s.name().toLowerCase(Locale.ROOT);
  }

  private static void labels(StringBuilder sb, LabelSet set) {
    sb.append('{');
    for (int i = 0; i < set.getLabelsCount(); i++) {
      Label l = set.getLabels(i);
      sb.append(i == 0 ? "" : ",");
      PromJson.string(sb, l.getName());
      sb.append(':');
      PromJson.string(sb, l.getValue());
    }
    sb.append('}');
  }

  private static void time(StringBuilder sb, Timestamp t) {
    if (t.getSeconds() <= GO_ZERO_SECONDS) {
      sb.append("\"0001-01-01T00:00:00Z\"");
      return;
    }
    sb.append('"').append(GoTime.rfc3339Nano(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()))).append('"');
  }
}
