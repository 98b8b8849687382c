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
    long total = 0;
    int i = 0;
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty duration");
    }
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      if (start == i) {
        throw new IllegalArgumentException("invalid duration " + s);
      }
      long n = Long.parseLong(s.substring(start, i));
      int u = i;
      while (i < s.length() && Character.isLetter(s.charAt(i))) {
        i++;
      }
      long unit = switch (s.substring(u, i)) {
        case "ms" -> 1L;
        case "s" -> 1000L;
        case "m" -> 60_000L;
        case "h" -> 3_600_000L;
        case "d" -> 86_400_000L;
        case "w" -> 7 * 86_400_000L;
        case "y" -> 365 * 86_400_000L;
        default -> throw new IllegalArgumentException("invalid duration unit in " + s);
      };
      total = Math.addExact(total, Math.multiplyExact(n, unit));
    }
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
