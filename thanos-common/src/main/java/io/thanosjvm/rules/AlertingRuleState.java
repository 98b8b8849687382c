package io.thanosjvm.rules;

import io.thanosjvm.model.Label;
import io.thanosjvm.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts of one alerting rule across evaluations, as Prometheus 2.42 keeps them: each result series is an alert
 * identified by its labels (the series' labels without {@code __name__}, the rule's expanded labels, {@code alertname});
 * a new alert is pending, fires once active for the rule's {@code for}, and when its series disappears a pending
 * alert is dropped while a firing one is resolved (after {@code keep_firing_for}, during which it keeps firing) and kept
 * {@value #RESOLVED_RETENTION_MILLIS} ms so Alertmanager learns it ended. Each evaluation yields the {@code ALERTS} and {@code ALERTS_FOR_STATE} samples to record.
 */
public final class AlertingRuleState {

  /** How long a resolved alert is kept (and re-sent as resolved), Prometheus' 15 minutes. */
  public static final long RESOLVED_RETENTION_MILLIS = 15 * 60_000L;

  private final AlertingRule rule;
  private final Map<Labels, Alert> active = new LinkedHashMap<>();
  private volatile boolean restored = true;

  /** The state of {@code rule}, with no alert yet. */
  public AlertingRuleState(AlertingRule rule) {
    this.rule = rule;
  }

  /** The rule. */
  public AlertingRule rule() {
    return rule;
  }

  /**
   * Applies one evaluation's result.
   *
   * @param evalMillis the evaluation time
   * @param result the rule expression's instant vector at that time
   * @param templates expands the rule's label and annotation templates per series
   * @param limit the group's {@code limit} (0 = none): more active alerts clear the state and fail the evaluation
   * @return the {@code ALERTS} (value 1) and {@code ALERTS_FOR_STATE} (value: activeAt in seconds) samples of every
   *     pending or firing alert; none until the {@code for} state is {@link #restore restored} (Prometheus writes
   *     no alert series for a rule whose state is still being restored)
   * @throws IllegalStateException with Prometheus' text when two series make the same alert or the limit is exceeded
   */
  public List<SeriesValue> evaluate(long evalMillis, List<SeriesValue> result, AlertTemplates templates, int limit) {
    Map<Labels, Alert> current = new HashMap<>();
    for (SeriesValue s : result) {
      Labels.Builder lb = s.labels().toBuilder().delete(Label.METRIC_NAME);
      for (Map.Entry<String, String> l : rule.labels().entrySet()) {
        lb.set(l.getKey(), templates.expand(rule.name(), l.getValue(), s.labels(), s.value(), evalMillis));
      }
      lb.set("alertname", rule.name());
      Map<String, String> annotations = new LinkedHashMap<>();
      for (Map.Entry<String, String> a : rule.annotations().entrySet()) {
        annotations.put(a.getKey(), templates.expand(rule.name(), a.getValue(), s.labels(), s.value(), evalMillis));
      }
      Labels labels = lb.build();
      if (current.containsKey(labels)) {
        throw new IllegalStateException("vector contains metrics with the same labelset after applying alert labels");
      }
      current.put(labels, new Alert(labels, annotations, s.value(), evalMillis));
    }
    for (Map.Entry<Labels, Alert> e : current.entrySet()) {
      Alert known = active.get(e.getKey());
      if (known != null && known.state() != Alert.State.INACTIVE) {
        known.refresh(e.getValue().annotations(), e.getValue().value());
      } else {
        active.put(e.getKey(), e.getValue());
      }
    }
    List<SeriesValue> samples = new ArrayList<>();
    int activeCount = 0;
    for (Iterator<Map.Entry<Labels, Alert>> it = active.entrySet().iterator(); it.hasNext(); ) {
      Alert a = it.next().getValue();
      if (!current.containsKey(a.labels())) {
        boolean keepFiring = false;
        if (a.state() == Alert.State.FIRING && rule.keepFiringForMillis() > 0) {
          if (a.keepFiringSince() == 0) {
            a.keepFiringSince(evalMillis);
          }
          keepFiring = evalMillis - a.keepFiringSince() < rule.keepFiringForMillis();
        }
        if (a.state() == Alert.State.PENDING
            || (a.resolvedAt() != 0 && evalMillis - a.resolvedAt() > RESOLVED_RETENTION_MILLIS)) {
          it.remove();
        }
        if (a.state() != Alert.State.INACTIVE && !keepFiring) {
          a.resolve(evalMillis);
        }
        if (!keepFiring) {
          continue;
        }
      } else {
        a.keepFiringSince(0);
      }
      activeCount++;
      if (a.state() == Alert.State.PENDING && evalMillis - a.activeAt() >= rule.forMillis()) {
        a.fire(evalMillis);
      }
      if (!restored) {
        continue;
      }
      samples.add(new SeriesValue(a.labels().toBuilder().set(Label.METRIC_NAME, "ALERTS")
          .set("alertstate", a.state().label()).build(), 1));
      samples.add(new SeriesValue(a.labels().toBuilder().set(Label.METRIC_NAME, "ALERTS_FOR_STATE").build(),
          Math.floorDiv(a.activeAt(), 1000)));
    }
    if (limit > 0 && activeCount > limit) {
      active.clear();
      throw new IllegalStateException("exceeded limit of " + limit + " with " + activeCount + " alerts");
    }
    return samples;
  }

  /**
   * The alerts to send at {@code t}, marking them sent: those that {@link Alert#needsSending need sending}; each
   * stays valid in Alertmanager for four times the larger of the resend delay and the evaluation interval, so two
   * failed evaluations or sends do not resolve it.
   */
  public List<Alert> toSend(long t, long resendDelayMillis, long intervalMillis) {
    List<Alert> out = new ArrayList<>();
    long delta = Math.max(resendDelayMillis, intervalMillis);
    for (Alert a : active.values()) {
      if (a.needsSending(t, resendDelayMillis)) {
        a.sent(t, t + 4 * delta);
        out.add(a);
      }
    }
    return out;
  }

  /** Whether the {@code for} state is restored (true unless {@link #awaitRestore()} was called). */
  public boolean restored() {
    return restored;
  }

  /** Marks the state as waiting for {@link #restore}: no alert series are written until then. */
  public void awaitRestore() {
    restored = false;
  }

  /**
   * Restores the {@code for} state of the active alerts after a restart, as Prometheus 2.42 does: for a rule whose
   * {@code for} is at least the grace period, each active alert's last {@code ALERTS_FOR_STATE} sample within the
   * outage tolerance gives the time it became active and the time the ruler went down. An alert that was already
   * firing keeps its original activeAt (it fires again at the next evaluation); one that would fire within the
   * grace period is moved so it fires after exactly the grace period; otherwise the downtime is added to its
   * activeAt. The rule is restored afterwards either way.
   *
   * @param nowMillis the time of the restore
   * @param gracePeriodMillis {@code --for-grace-period}
   * @param lookup the last {@code ALERTS_FOR_STATE} sample of an alert's labels, or null when there is none
   */
  public void restore(long nowMillis, long gracePeriodMillis, ForStateLookup lookup) {
    long hold = rule.forMillis();
    if (hold >= gracePeriodMillis) {
      for (Alert a : active.values()) {
        if (a.state() == Alert.State.INACTIVE) {
          continue;
        }
        ForStateLookup.Sample s;
        try {
          s = lookup.last(a.labels().toBuilder().set(Label.METRIC_NAME, "ALERTS_FOR_STATE").build());
        } catch (RuntimeException e) {
          continue;
        }
        if (s == null || io.thanosjvm.model.StaleMarker.isStale(s.value())) {
          continue;
        }
        long downAt = Math.floorDiv(s.t(), 1000) * 1000;
        long restoredActiveAt = (long) s.value() * 1000;
        long remaining = hold - (downAt - restoredActiveAt);
        if (remaining <= 0) {
          // It was firing when the ruler went down; it fires again at the next evaluation.
        } else if (remaining < gracePeriodMillis) {
          restoredActiveAt = nowMillis + gracePeriodMillis - hold;
        } else {
          restoredActiveAt += nowMillis - downAt;
        }
        a.restoreActiveAt(restoredActiveAt);
      }
    }
    restored = true;
  }

  /** Takes over the alerts of {@code from} (the same rule in the group before a reload). */
  public void copyFrom(AlertingRuleState from) {
    active.putAll(from.active);
  }

  /** Every alert kept: pending, firing and recently resolved. */
  public List<Alert> alerts() {
    return List.copyOf(active.values());
  }
}
