package io.thanosjvm.objstore.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently to retry.
 *
 * @param maxAttempts attempts per operation including the first, at least 1 (1 = no retries)
 * @param initialBackoff wait before the first retry
 * @param maxBackoff cap of the exponentially growing wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

  /** Attempts when the config leaves {@code max_retries} at 0 (minio-go's default). */
  public static final int DEFAULT_MAX_ATTEMPTS = 10;

  /** Validates the policy. */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("backoffs must be positive and maxBackoff >= initialBackoff");
    }
  }

  /** {@code attempts} attempts with 200 ms initial and 5 s maximal back-off. */
  public static RetryPolicy ofAttempts(int attempts) {
    return new RetryPolicy(attempts, Duration.ofMillis(200), Duration.ofSeconds(5));
  }

  /** Returns the same policy with other back-offs. */
  public RetryPolicy withBackoff(Duration initial, Duration max) {
    return new RetryPolicy(maxAttempts, initial, max);
  }

  /** Returns the wait before retry number {@code retry} (1-based): doubling, capped. */
  public Duration backoff(int retry) {
    long millis = initialBackoff.toMillis() << Math.min(Math.max(retry - 1, 0), 20);
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}
