package io.thanosjvm.rules;

/**
 * How a rule fared at its latest evaluation, as the rules API reports it.
 *
 * @param health {@code unknown} before the first evaluation, then {@code ok} or {@code err}
 * @param lastError the latest error, empty when it succeeded
 * @param lastEvaluationMillis when it was last evaluated (ms), 0 before the first evaluation
 * @param evaluationNanos how long its latest evaluation took
 */
public record RuleStatus(String health, String lastError, long lastEvaluationMillis, long evaluationNanos) {

  /** Not evaluated yet. */
  public static final RuleStatus UNKNOWN = new RuleStatus("unknown", "", 0, 0);

  /** Validates the status. */
  public RuleStatus {
    if (!health.equals("unknown") && !health.equals("ok") && !health.equals("err")) {
      throw new IllegalArgumentException("health must be unknown, ok or err: " + health);
    }
    java.util.Objects.requireNonNull(lastError, "lastError");
  }
}
