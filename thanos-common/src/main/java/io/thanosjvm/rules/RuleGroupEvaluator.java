package io.thanosjvm.rules;

import io.thanosjvm.model.Label;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.StaleMarker;
import java.time.InstantSource;
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
 * {@link AlertingRuleState}, and the alerts due for sending collected; a rule that fails (query error, duplicate
 * label sets, over the group's limit) is reported and the others still run; series a rule wrote in the previous
 * evaluation but not in this one get a stale marker, so queries stop seeing them at once. One instance per group,
 * driven by one thread.
 */
public final class RuleGroupEvaluator {

  private final RuleGroup group;
  private final InstantSource clock;
  private final List<AlertingRuleState> alerting = new ArrayList<>();
  private final Map<Integer, Set<Labels>> previous = new HashMap<>();
  private final List<Labels> pendingStale = new ArrayList<>();
  private final RuleStatus[] statuses;

  /** An evaluator for {@code group}; {@code clock} measures how long rules take. */
  public RuleGroupEvaluator(RuleGroup group, InstantSource clock) {
    this.group = group;
    this.clock = clock;
    for (Rule r : group.rules()) {
      alerting.add(r instanceof AlertingRule a ? new AlertingRuleState(a) : null);
    }
    this.statuses = new RuleStatus[group.rules().size()];
    java.util.Arrays.fill(statuses, RuleStatus.UNKNOWN);
  }

  /** An evaluator for {@code group}, measuring durations with the system clock. */
  public RuleGroupEvaluator(RuleGroup group) {
    this(group, InstantSource.system());
  }

  /** The group. */
  public RuleGroup group() {
    return group;
  }

  /** Runs every rule at {@code evalMillis}, without offset and without collecting alerts to send. */
  public GroupEvaluation evaluate(long evalMillis, RuleQuery query, AlertTemplates templates) {
    return evaluate(evalMillis, EvalOptions.NO_SEND, query, templates);
  }

  /** Runs every rule at {@code tsMillis} with {@code options}. */
  public GroupEvaluation evaluate(long tsMillis, EvalOptions options, RuleQuery query, AlertTemplates templates) {
    long queryMillis = tsMillis - options.queryOffsetMillis();
    List<SeriesValue> out = new ArrayList<>();
    Map<Integer, String> failures = new LinkedHashMap<>();
    Map<Integer, List<AlertNotification>> toSend = new LinkedHashMap<>();
    for (int i = 0; i < group.rules().size(); i++) {
      Rule rule = group.rules().get(i);
      long start = nanos();
      List<SeriesValue> produced;
      try {
        List<SeriesValue> result = query.query(rule.expr(), queryMillis, group.partialResponseStrategy());
        produced = rule instanceof RecordingRule r ? record(r, result)
            : alerting.get(i).evaluate(tsMillis, result, templates, group.limit());
      } catch (RuntimeException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        failures.put(i, msg);
        statuses[i] = new RuleStatus("err", msg, tsMillis, nanos() - start);
        continue;
      }
      statuses[i] = new RuleStatus("ok", "", tsMillis, nanos() - start);
      if (options.sendAlerts() && alerting.get(i) != null) {
        List<AlertNotification> due = new ArrayList<>();
        for (Alert a : alerting.get(i).toSend(tsMillis, options.resendDelayMillis(), options.intervalMillis())) {
          due.add(AlertNotification.of(a, a.labels(), ""));
        }
        if (!due.isEmpty()) {
          toSend.put(i, due);
        }
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
    if (!pendingStale.isEmpty()) {
      Set<Labels> written = new HashSet<>();
      for (SeriesValue s : out) {
        written.add(s.labels());
      }
      for (Labels l : pendingStale) {
        if (!written.contains(l)) {
          out.add(new SeriesValue(l, StaleMarker.STALE_NAN));
        }
      }
      pendingStale.clear();
    }
    return new GroupEvaluation(queryMillis, out, failures, toSend);
  }

  private long nanos() {
    java.time.Instant i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
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

  /** Each rule's latest status, in rule order. */
  public List<RuleStatus> statuses() {
    return List.of(statuses.clone());
  }

  /** The series written at the latest evaluation, for stale markers when the group goes away. */
  public List<Labels> lastSeries() {
    List<Labels> out = new ArrayList<>();
    previous.values().forEach(out::addAll);
    return out;
  }

  /**
   * Takes over the state of the same group before a reload, as Prometheus' {@code CopyState}: rules are matched by
   * name and labels (the n-th duplicate to the n-th), each taking the series it wrote last and, for alerting rules,
   * its alerts and statuses; series of old rules that match nothing get stale markers at the next evaluation.
   */
  public void copyState(RuleGroupEvaluator from) {
    Map<String, List<Integer>> byKey = new HashMap<>();
    for (int i = 0; i < from.group.rules().size(); i++) {
      byKey.computeIfAbsent(key(from.group.rules().get(i)), k -> new ArrayList<>()).add(i);
    }
    for (int i = 0; i < group.rules().size(); i++) {
      List<Integer> indexes = byKey.get(key(group.rules().get(i)));
      if (indexes == null || indexes.isEmpty()) {
        continue;
      }
      int fi = indexes.remove(0);
      if (from.previous.containsKey(fi)) {
        previous.put(i, new HashSet<>(from.previous.get(fi)));
      }
      statuses[i] = from.statuses[fi];
      if (alerting.get(i) != null && from.alerting.get(fi) != null) {
        alerting.get(i).copyFrom(from.alerting.get(fi));
      }
    }
    pendingStale.addAll(from.pendingStale);
    for (List<Integer> unmatched : byKey.values()) {
      for (int fi : unmatched) {
        pendingStale.addAll(from.previous.getOrDefault(fi, Set.of()));
      }
    }
  }

  private static String key(Rule r) {
    return r instanceof RecordingRule rr ? "record:" + rr.name() + rr.labels()
        : "alert:" + r.name() + ((AlertingRule) r).labels();
  }
}
