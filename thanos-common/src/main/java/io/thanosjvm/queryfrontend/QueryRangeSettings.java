package io.thanosjvm.queryfrontend;

import java.time.Duration;

/**
 * The {@code --query-range.*} settings of the range pipeline.
 *
 * @param splitInterval {@code --query-range.split-interval} (0 disables splitting)
 * @param maxRetries {@code --query-range.max-retries-per-request} (attempts; 0 or 1 = no retry)
 * @param maxQueryLength {@code --query-range.max-query-length} (0 = unlimited)
 * @param maxQueryParallelism {@code --query-range.max-query-parallelism}
 * @param responseCacheMaxFreshness {@code --query-range.response-cache-max-freshness}
 * @param partialResponse {@code --query-range.partial-response}: default of {@code partial_response}
 * @param alignRangeWithStep {@code --query-range.align-range-with-step}
 */
public record QueryRangeSettings(Duration splitInterval, int maxRetries, Duration maxQueryLength,
    int maxQueryParallelism, Duration responseCacheMaxFreshness, boolean partialResponse,
    boolean alignRangeWithStep) {

  /** Thanos' defaults. */
  public static final QueryRangeSettings DEFAULTS = new QueryRangeSettings(Duration.ofHours(24), 5, Duration.ZERO,
      14, Duration.ofMinutes(1), true, true);

  /** Validates the values as Thanos validates its flags. */
  public QueryRangeSettings {
    if (splitInterval.isNegative() || maxQueryLength.isNegative() || responseCacheMaxFreshness.isNegative()) {
      throw new IllegalArgumentException("query-range durations must not be negative");
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("query-range max retries must not be negative, got " + maxRetries);
    }
    if (maxQueryParallelism < 1) {
      throw new IllegalArgumentException("query-range max query parallelism must be at least 1, got "
          + maxQueryParallelism);
    }
  }
}
