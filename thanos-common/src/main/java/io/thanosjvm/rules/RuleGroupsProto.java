package io.thanosjvm.rules;

import com.google.protobuf.Timestamp;
import io.thanosjvm.promql.ast.GoFloat;
import io.thanosjvm.model.Labels;
import io.thanosjvm.wire.labelpb.Label;
import io.thanosjvm.wire.labelpb.LabelSet;
import io.thanosjvm.wire.rulespb.Alert;
import io.thanosjvm.wire.rulespb.AlertInstance;
import io.thanosjvm.wire.rulespb.AlertState;
import io.thanosjvm.wire.rulespb.RecordingRule;
import io.thanosjvm.wire.rulespb.RulesRequest;
import java.util.List;
import java.util.TreeMap;

/**
 * The running groups as Thanos' Rules API messages ({@code rulespb.RuleGroup}), the way Thanos' rule manager builds
 * them: the ruler's external labels added to every rule's and every alert's labels (they override a rule label of
 * the same name), alert values in Go's {@code %e}, times as timestamps (Go's zero time before the first
 * evaluation), and the request's filters applied ({@code type}, {@code rule_name}, {@code rule_group},
 * {@code file}; a group filtered empty is still sent, as Thanos requires).
 */
public final class RuleGroupsProto {

  /** Go's zero {@code time.Time} as a protobuf timestamp (0001-01-01T00:00:00Z). */
  public static final Timestamp GO_ZERO_TIME = Timestamp.newBuilder().setSeconds(-62_135_596_800L).build();

  private RuleGroupsProto() {}

  /** The groups {@code request} asks for, as messages. */
  public static List<io.thanosjvm.wire.rulespb.RuleGroup> groups(List<GroupState> states, Labels externalLabels,
      RulesRequest request) {
    return states.stream()
        .filter(g -> request.getRuleGroupList().isEmpty() || request.getRuleGroupList().contains(g.group().name()))
        .filter(g -> request.getFileList().isEmpty() || request.getFileList().contains(g.group().file()))
        .map(g -> group(g, externalLabels, request)).toList();
  }

  private static io.thanosjvm.wire.rulespb.RuleGroup group(GroupState g, Labels externalLabels,
      RulesRequest request) {
    io.thanosjvm.wire.rulespb.RuleGroup.Builder b = io.thanosjvm.wire.rulespb.RuleGroup.newBuilder()
        .setName(g.group().name()).setFile(g.group().file())
        .setInterval(g.intervalMillis() / 1000.0)
        .setEvaluationDurationSeconds(g.evaluationNanos() / 1e9)
        .setLastEvaluation(timestamp(g.lastEvaluationMillis()))
        .setLimit(g.group().limit())
        .setPartialResponseStrategy(g.group().partialResponseStrategy());
    for (int i = 0; i < g.group().rules().size(); i++) {
      Rule r = g.group().rules().get(i);
      if (!request.getRuleNameList().isEmpty() && !request.getRuleNameList().contains(r.name())) {
        continue;
      }
      RuleStatus status = g.rules().get(i);
      if (r instanceof AlertingRule a && request.getType() != RulesRequest.Type.RECORD) {
        b.addRules(io.thanosjvm.wire.rulespb.Rule.newBuilder().setAlert(alert(a, status, g.alerts().get(i),
            externalLabels, g)));
      } else if (r instanceof io.thanosjvm.rules.RecordingRule rr && request.getType() != RulesRequest.Type.ALERT) {
        b.addRules(io.thanosjvm.wire.rulespb.Rule.newBuilder().setRecording(RecordingRule.newBuilder()
            .setName(rr.name()).setQuery(rr.parsed().toString())
            .setLabels(labelSet(extend(rr.labels(), externalLabels)))
            .setHealth(status.health()).setLastError(status.lastError())
            .setEvaluationDurationSeconds(status.evaluationNanos() / 1e9)
            .setLastEvaluation(timestamp(status.lastEvaluationMillis()))));
      }
    }
    return b.build();
  }

  private static Alert alert(AlertingRule a, RuleStatus status, List<AlertView> alerts, Labels externalLabels,
      GroupState g) {
    Alert.Builder b = Alert.newBuilder().setName(a.name()).setQuery(a.parsed().toString())
        .setDurationSeconds(a.forMillis() / 1000.0)
        .setKeepFiringForSeconds(a.keepFiringForMillis() / 1000.0)
        .setLabels(labelSet(extend(Labels.fromMap(a.labels()), externalLabels)))
        .setAnnotations(labelSet(Labels.fromMap(new TreeMap<>(a.annotations()))))
        .setHealth(status.health()).setLastError(status.lastError())
        .setEvaluationDurationSeconds(status.evaluationNanos() / 1e9)
        .setLastEvaluation(timestamp(status.lastEvaluationMillis()));
    AlertState max = AlertState.INACTIVE;
    for (AlertView v : alerts) {
      AlertState s = state(v.state());
      if (s.getNumber() > max.getNumber()) {
        max = s;
      }
      if (s == AlertState.INACTIVE) {
        continue;
      }
      b.addAlerts(AlertInstance.newBuilder().setLabels(labelSet(extend(v.labels(), externalLabels)))
          .setAnnotations(labelSet(Labels.fromMap(new TreeMap<>(v.annotations())))).setState(s)
          .setActiveAt(timestamp(v.activeAtMillis())).setValue(GoFloat.formatE(v.value()))
          .setPartialResponseStrategy(g.group().partialResponseStrategy()));
    }
    return b.setState(max).build();
  }

  private static AlertState state(String s) {
    return switch (s) {
      case "firing" -> AlertState.FIRING;
      case "pending" -> AlertState.PENDING;
      default -> AlertState.INACTIVE;
    };
  }

  /** {@code labels} with the external labels added, an external label winning over a rule label of its name. */
  static Labels extend(Labels labels, Labels externalLabels) {
    if (externalLabels.isEmpty()) {
      return labels;
    }
    Labels.Builder b = labels.toBuilder();
    externalLabels.forEach(l -> b.set(l.name(), l.value()));
    return b.build();
  }

  /** Milliseconds as a timestamp; 0 (never) as Go's zero time. */
  public static Timestamp timestamp(long millis) {
    if (millis == 0) {
      return GO_ZERO_TIME;
    }
    return Timestamp.newBuilder().setSeconds(Math.floorDiv(millis, 1000))
        .setNanos((int) Math.floorMod(millis, 1000) * 1_000_000).build();
  }

  private static LabelSet labelSet(Labels labels) {
    LabelSet.Builder b = LabelSet.newBuilder();
    labels.forEach(l -> b.addLabels(Label.newBuilder().setName(l.name()).setValue(l.value())));
    return b.build();
  }
}
