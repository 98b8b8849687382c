package io.thanosjvm.rules;

import java.util.List;
import java.util.Objects;

/**
 * A consistent copy of a running group's state, for the rules and alerts APIs.
 *
 * @param group the group
 * @param intervalMillis the interval it runs at
 * @param lastEvaluationMillis when its latest evaluation started (ms), 0 before the first
 * @param evaluationNanos how long its latest evaluation took
 * @param rules each rule's status, in rule order
 * @param alerts each rule's alerts (pending, firing, recently resolved), empty for recording rules
 */
public record GroupState(RuleGroup group, long intervalMillis, long lastEvaluationMillis, long evaluationNanos,
    List<RuleStatus> rules, List<List<AlertView>> alerts) {

  /** Keeps immutable copies. */
  public GroupState {
    Objects.requireNonNull(group, "group");
    rules = List.copyOf(rules);
    alerts = alerts.stream().map(List::copyOf).toList();
  }
}
