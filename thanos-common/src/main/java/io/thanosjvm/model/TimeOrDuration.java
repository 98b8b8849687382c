package io.thanosjvm.model;

import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;

/**
 * Thanos' time-or-duration flag value ({@code --min-time}, {@code --max-time}): an RFC 3339 instant, or a
 * Prometheus duration relative to now with an optional sign ({@code -2w} = two weeks ago, {@code 1h} = in an hour).
 */
public final class TimeOrDuration {

  private TimeOrDuration() {}

  /**
   * The value as Unix milliseconds.
   *
   * @throws IllegalArgumentException naming the value when it is neither form
   */
  public static long parseMillis(String value, InstantSource clock) {
    String v = value.trim();
    try {
      return Instant.parse(v).toEpochMilli();
    } catch (DateTimeParseException notAnInstant) {
      boolean negative = v.startsWith("-");
      String d = negative || v.startsWith("+") ? v.substring(1) : v;
      try {
        long ms = PromDuration.parseMillis(d);
        return clock.millis() + (negative ? -ms : ms);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid time or duration \"" + value
            + "\": want RFC 3339 (2006-01-02T15:04:05Z) or a duration such as -2w or 1h", e);
      }
    }
  }
}
