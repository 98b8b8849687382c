package io.thanosjvm.model;

/**
 * A closed interval of Unix milliseconds {@code [minTime, maxTime]}, as in StoreAPI requests.
 *
 * <p>Note that TSDB blocks use half-open ranges; convert with {@link #ofHalfOpen}.
 *
 * @param minTime first millisecond, inclusive
 * @param maxTime last millisecond, inclusive
 */
public record TimeRange(long minTime, long maxTime) {

  /** Every representable time. */
  public static final TimeRange ALL = new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE);

  /** Validates {@code minTime <= maxTime}. */
  public TimeRange {
    if (minTime > maxTime) {
      throw new IllegalArgumentException("time range min " + minTime + " is after max " + maxTime);
    }
  }

  /** The closed range equal to the half-open {@code [minTime, maxTimeExclusive)}. */
  public static TimeRange ofHalfOpen(long minTime, long maxTimeExclusive) {
    return new TimeRange(minTime, maxTimeExclusive - 1);
  }

  /** Whether {@code t} lies inside. */
  public boolean contains(long t) {
    return t >= minTime && t <= maxTime;
  }

  /** Whether the two closed ranges share at least one millisecond. */
  public boolean overlaps(TimeRange o) {
    return minTime <= o.maxTime && o.minTime <= maxTime;
  }

  /** Whether {@code [min, max]} overlaps this range. */
  public boolean overlaps(long min, long max) {
    return minTime <= max && min <= maxTime;
  }

  /** The intersection, or null when disjoint. */
  public TimeRange intersect(TimeRange o) {
    if (!overlaps(o)) {
      return null;
    }
    return new TimeRange(Math.max(minTime, o.minTime), Math.min(maxTime, o.maxTime));
  }
}
