package io.thanosjvm.model;

import java.time.Duration;

/**
 * The Prometheus dialect of durations (Prometheus' {@code model.Duration}), parsed and formatted in this one place
 * for PromQL, flags, objstore/relabel YAML and the tools: one or more {@code <int><unit>} terms with units {@code y
 * w d h m s ms} in descending order, each at most once ({@code 1h30m}, {@code 5m}, {@code 0ms}, {@code 2d}). A year
 * is 365 days, a week 7 days. A bare {@code 0} is accepted, as Prometheus does. Go's {@code time.Duration} dialect
 * is {@link GoDuration}.
 */
public final class PromDuration {

  private PromDuration() {}

  /**
   * Parses a duration to milliseconds.
   *
   * @throws IllegalArgumentException quoting the input when malformed
   */
  public static long parseMillis(String s) {
    if (s == null || s.isEmpty()) {
      throw new IllegalArgumentException("empty duration string");
    }
    if (s.equals("0")) {
      return 0;
    }
    long total = 0;
    int i = 0;
    int lastRank = Integer.MAX_VALUE;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      if (i == start) {
        throw invalid(s);
      }
      long n;
      try {
        n = Long.parseLong(s.substring(start, i));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("duration out of range: \"" + s + "\"");
      }
      int unitStart = i;
      while (i < s.length() && Character.isLetter(s.charAt(i))) {
        i++;
      }
      String unit = s.substring(unitStart, i);
      int rank = rank(unit);
      if (rank < 0 || rank >= lastRank) {
        throw invalid(s);
      }
      lastRank = rank;
      try {
        total = Math.addExact(total, Math.multiplyExact(n, unitMillis(rank)));
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("duration out of range: \"" + s + "\"");
      }
    }
    return total;
  }

  /** Whether {@code s} is a well-formed duration (PromQL's lexer asks before it parses). */
  public static boolean isDuration(String s) {
    try {
      parseMillis(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Parses a duration. */
  public static Duration parse(String s) {
    return Duration.ofMillis(parseMillis(s));
  }

  /**
   * Formats milliseconds the way Prometheus prints durations ({@code 1h30m}, {@code 0s}); years and weeks
   * are used only when they divide the remainder exactly.
   */
  public static String format(long millis) {
    if (millis == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long ms = millis;
    if (ms < 0) {
      sb.append('-');
      ms = -ms;
    }
    String[] units = {"ms", "s", "m", "h", "d", "w", "y"};
    for (int rank = 6; rank >= 0; rank--) {
      long mult = unitMillis(rank);
      if (rank >= 5 && ms % mult != 0) {
        continue;
      }
      long n = ms / mult;
      if (n > 0) {
        sb.append(n).append(units[rank]);
        ms -= n * mult;
      }
    }
    return sb.toString();
  }

  private static int rank(String unit) {
    return switch (unit) {
      case "ms" -> 0;
      case "s" -> 1;
      case "m" -> 2;
      case "h" -> 3;
      case "d" -> 4;
      case "w" -> 5;
      case "y" -> 6;
      default -> -1;
    };
  }

  private static long unitMillis(int rank) {
    return switch (rank) {
      case 0 -> 1L;
      case 1 -> 1000L;
      case 2 -> 60_000L;
      case 3 -> 3_600_000L;
      case 4 -> 86_400_000L;
      case 5 -> 7 * 86_400_000L;
      case 6 -> 365 * 86_400_000L;
      default -> throw new IllegalStateException();
    };
  }

  private static IllegalArgumentException invalid(String s) {
    return new IllegalArgumentException("not a valid duration string: \"" + s + "\"");
  }
}
