package io.thanosjvm.rules;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one evaluation of a rule group.
 *
 * @param evalMillis the timestamp of the samples (the evaluation time minus the query offset)
 * @param samples every sample to store at that time: recorded series, {@code ALERTS}/{@code ALERTS_FOR_STATE}, and
 *     stale markers for series a rule produced last time but not now
 * @param failures per failed rule (by its index in the group) the error text; the other rules still ran
 * @param alerts per alerting rule (by its index) the alerts due for sending, with the alert's own labels and an
 *     empty generator URL (the notifier adds both)
 */
public record GroupEvaluation(long evalMillis, List<SeriesValue> samples, Map<Integer, String> failures,
    Map<Integer, List<AlertNotification>> alerts) {

  /** Keeps immutable copies. */
  public GroupEvaluation {
    samples = List.copyOf(samples);
    failures = Map.copyOf(failures);
    alerts = Map.copyOf(alerts);
  }

  /** An outcome without alerts to send. */
  public GroupEvaluation(long evalMillis, List<SeriesValue> samples, Map<Integer, String> failures) {
    this(evalMillis, samples, failures, Map.of());
  }
}
