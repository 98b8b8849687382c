package io.thanosjvm.rules;

import io.thanosjvm.model.Label;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.StaleMarker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates one rule group at a time as Prometheus' rule manager does: rules in order; a recording rule's result
 * series renamed to the record name with the rule's labels set; an alerting rule's result fed to its
 * {@link AlertingRuleState}; a rule that fails (query error, duplicate label sets, over the group's limit) is
 * reported and the others still run; series a rule wrote in the previous evaluation but not in this one get a
 * stale marker, so queries stop seeing them at once. One instance per group, driven by one thread.
 */
public final class RuleGroupEvaluator {

  private final RuleGroup group;
  private final List<AlertingRuleState> alerting = new ArrayList<>();
  private final Map<Integer, Set<Labels>> previous = new HashMap<>();

  /** An evaluator for {@code group}. */
  public RuleGroupEvaluator(RuleGroup group) {
    this.group = group;
    for (Rule r : group.rules()) {
      alerting.add(r instanceof AlertingRule a ? new AlertingRuleState(a) : null);
    }
  }

  /** The group. */
  public RuleGroup group() {
    return group;
  }

  /** Runs every rule at {@code evalMillis}. */
  public GroupEvaluation evaluate(long evalMillis, RuleQuery query, AlertTemplates templates) {
    List<SeriesValue> out = new ArrayList<>();
    Map<Integer, String> failures = new LinkedHashMap<>();
    for (int i = 0; i < group.rules().size(); i++) {
      Rule rule = group.rules().get(i);
      List<SeriesValue> produced;
      try {
        List<SeriesValue> result = query.query(rule.expr(), evalMillis, group.partialResponseStrategy());
        produced = rule instanceof RecordingRule r ? record(r, result)
            : alerting.get(i).evaluate(evalMillis, result, templates, group.limit());
      } catch (RuntimeException e) {
        failures.put(i, e.getMessage() == null ? e.toString() : e.getMessage());
        continue;
      }
      out.addAll(produced);
      Set<Labels> now = new HashSet<>();
      for (SeriesValue s : produced) {
        now.add(s.labels());
      }
      for (Labels gone : previous.getOrDefault(i, Set.of())) {
        if (!now.contains(gone)) {
          out.add(new SeriesValue(gone, StaleMarker.STALE_NAN));
        }
      }
      previous.put(i, now);
    }
    return new GroupEvaluation(evalMillis, out, failures);
  }

  private List<SeriesValue> record(RecordingRule rule, List<SeriesValue> result) {
    List<SeriesValue> out = new ArrayList<>(result.size());
    Set<Labels> seen = new HashSet<>();
    for (SeriesValue s : result) {
      Labels.Builder b = s.labels().toBuilder().set(Label.METRIC_NAME, rule.name());
      rule.labels().forEach(l -> b.set(l.name(), l.value()));
      Labels labels = b.build();
      if (!seen.add(labels)) {
        throw new IllegalStateException("vector contains metrics with the same labelset after applying rule labels");
      }
      out.add(new SeriesValue(labels, s.value()));
    }
    if (group.limit() > 0 && out.size() > group.limit()) {
      throw new IllegalStateException("exceeded limit of " + group.limit() + " with " + out.size() + " series");
    }
    return out;
  }

  /** The alerting rules' states (null at the index of a recording rule). */
  public List<AlertingRuleState> alertingStates() {
    return java.util.Collections.unmodifiableList(alerting);
  }
}
