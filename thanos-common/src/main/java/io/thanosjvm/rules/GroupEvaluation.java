package io.thanosjvm.rules;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one evaluation of a rule group.
 *
 * @param evalMillis the evaluation time
 * @param samples every sample to store at that time: recorded series, {@code ALERTS}/{@code ALERTS_FOR_STATE}, and
 *     stale markers for series a rule produced last time but not now
 * @param failures per failed rule (by its index in the group) the error text; the other rules still ran
 */
public record GroupEvaluation(long evalMillis, List<SeriesValue> samples, Map<Integer, String> failures) {

  /** Keeps immutable copies. */
  public GroupEvaluation {
    samples = List.copyOf(samples);
    failures = Map.copyOf(failures);
  }
}
