package io.thanosjvm.queryfrontend;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Jittered exponential backoff between retries: before retry {@code n} (1-based) it waits a random time in
 * {@code [min * 2^(n-1), min * 2^n)}, both ends capped at {@code max} (Thanos: 200 ms to 2 s).
 *
 * @param min the first delay's lower bound
 * @param max the cap
 * @param random the jitter source
 */
public record Backoff(Duration min, Duration max, RandomGenerator random) {

  /** Thanos' frontend retry backoff: 200 ms to 2 s. */
  public static Backoff thanos(RandomGenerator random) {
    return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2), random);
  }

  /** Validates the bounds. */
  public Backoff {
    if (min.isNegative() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("backoff needs 0 <= min <= max, got " + min + ", " + max);
    }
  }

  /** The delay in ms before retry {@code n} (1-based). */
  public long delayMillis(int n) {
    long lo = min.toMillis();
    long hi = max.toMillis();
    if (lo >= hi) {
      return lo;
    }
    long from = Math.min(hi, lo << Math.min(30, n - 1));
    long to = Math.min(hi, lo << Math.min(30, n));
    return to <= from ? from : from + random.nextLong(to - from);
  }
}
