package io.thanosjvm.rules;

import io.thanosjvm.model.Labels;
import java.util.Objects;

/**
 * How the ruler runs its groups.
 *
 * @param evalIntervalMillis {@code --eval-interval}: the interval of groups without their own
 * @param queryOffsetMillis {@code --rule-query-offset}: the query offset of groups without {@code query_offset}
 * @param resendDelayMillis {@code --resend-delay}
 * @param outageToleranceMillis {@code --for-outage-tolerance}: older {@code for} state is not restored
 * @param forGracePeriodMillis {@code --for-grace-period}: the least time a restored alert still waits to fire
 * @param externalLabels the ruler's external labels ({@code --label}), visible to templates
 * @param externalUrl the URL templates see as {@code $externalURL}
 */
public record RuleManagerSettings(long evalIntervalMillis, long queryOffsetMillis, long resendDelayMillis,
    long outageToleranceMillis, long forGracePeriodMillis, Labels externalLabels, String externalUrl) {

  /** Validates the settings. */
  public RuleManagerSettings {
    if (evalIntervalMillis <= 0) {
      throw new IllegalArgumentException("--" + io.thanosjvm.cli.FlagNames.EVAL_INTERVAL + " must be positive");
    }
    if (queryOffsetMillis < 0 || resendDelayMillis < 0 || outageToleranceMillis < 0 || forGracePeriodMillis < 0) {
      throw new IllegalArgumentException("rule offsets, delays and tolerances must not be negative");
    }
    Objects.requireNonNull(externalLabels, "externalLabels");
    Objects.requireNonNull(externalUrl, "externalUrl");
  }

  /** Thanos' defaults: 1m interval, no offset, 1m resend delay, 1h outage tolerance, 10m grace period. */
  public static RuleManagerSettings defaults() {
    return new RuleManagerSettings(60_000, 0, 60_000, 3_600_000, 600_000, Labels.EMPTY, "");
  }
}
