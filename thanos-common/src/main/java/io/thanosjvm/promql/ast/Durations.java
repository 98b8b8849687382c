package io.thanosjvm.promql.ast;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus duration strings ({@code 1h30m}, {@code 5m}, {@code 100ms}, units y w d h m s ms). */
public final class Durations {

  private static final Pattern DURATION = Pattern.compile(
      "^(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?$");
  private static final long[] UNIT_MILLIS = {
      365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000L, 60_000L, 1000L, 1L};

  private Durations() {}

  /** Whether {@code s} is a well-formed duration. */
  public static boolean isDuration(String s) {
    return s.equals("0") || (!s.isEmpty() && DURATION.matcher(s).matches());
  }

  /**
   * Parses a duration to milliseconds.
   *
   * @throws IllegalArgumentException if {@code s} is not a valid duration
   */
  public static long parse(String s) {
    if (s.equals("0")) {
      return 0;
    }
    Matcher m = DURATION.matcher(s);
    if (s.isEmpty() || !m.matches()) {
      throw new IllegalArgumentException("not a valid duration string: \"" + s + "\"");
    }
    long total = 0;
    for (int i = 0; i < UNIT_MILLIS.length; i++) {
      String g = m.group(2 + 2 * i);
      if (g != null) {
        try {
          total = Math.addExact(total, Math.multiplyExact(Long.parseLong(g), UNIT_MILLIS[i]));
        } catch (ArithmeticException | NumberFormatException e) {
          throw new IllegalArgumentException("duration out of range: \"" + s + "\"");
        }
      }
    }
    return total;
  }

  /** Formats milliseconds as Prometheus does ({@code 90m} prints {@code 1h30m}, 0 prints {@code 0s}). */
  public static String format(long millis) {
    if (millis == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long ms = millis;
    String[] units = {"y", "w", "d", "h", "m", "s", "ms"};
    for (int i = 0; i < units.length; i++) {
      long mult = UNIT_MILLIS[i];
      if (i < 2 && ms % mult != 0) {
        continue;
      }
      long v = ms / mult;
      if (v > 0) {
        sb.append(v).append(units[i]);
        ms -= v * mult;
      }
    }
    return sb.toString();
  }
}
