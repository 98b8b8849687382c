package io.thanosjvm.tools.blocks;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parses Prometheus-style durations ({@code 15s}, {@code 2h}, {@code 1h30m}) and times (ms or RFC3339). */
public final class Durations {

  private Durations() {}

  /**
   * Milliseconds of a duration made of {@code <int><unit>} parts with units ms, s, m, h, d, w, y.
   *
   * @throws IllegalArgumentException when malformed or not positive
   */
  public static long parseMillis(String s) {
    long total = io.thanosjvm.model.PromDuration.parseMillis(s);
    if (total <= 0) {
      throw new IllegalArgumentException("duration must be positive: " + s);
    }
    return total;
  }

  /** A time given as Unix milliseconds or RFC3339. */
  public static long parseTime(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      try {
        return Instant.parse(s).toEpochMilli();
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException("invalid time (want ms or RFC3339): " + s);
      }
    }
  }
}
