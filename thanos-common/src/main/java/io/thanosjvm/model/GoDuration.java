package io.thanosjvm.model;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The Go dialect of durations ({@code time.Duration}), parsed and formatted in this one place: {@link #parse} is
 * {@code time.ParseDuration} (the YAML form of Thanos' {@code time.Duration} fields, e.g. cache configs: {@code
 * 500ms}, {@code 1m30s}, {@code 1.5h}; units {@code ns us µs ms s m h}, no days; a bare {@code 0} is zero) and
 * {@link #format} is {@code Duration.String()} ({@code 240h0m0s}, {@code 1m30s}, {@code 1.5s}, {@code 250ms}), as
 * Thanos prints durations in logs, marker details and tool output. The Prometheus dialect is {@link PromDuration}.
 */
public final class GoDuration {

  private GoDuration() {}

  /**
   * Parses {@code text} as Go's {@code time.ParseDuration} does.
   *
   * @throws IllegalArgumentException naming the text when it is not a Go duration
   */
  public static Duration parse(String text) {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw invalid(text);
    }
    BigDecimal nanos = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
      }
      boolean pre = i > start;
      int dot = i;
      boolean post = false;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        int fracStart = i;
        while (i < s.length() && isDigit(s.charAt(i))) {
          i++;
        }
        post = i > fracStart;
      }
      if (!pre && !post) {
        throw invalid(text);
      }
      BigDecimal number = new BigDecimal((pre ? s.substring(start, dot) : "0") + (post ? s.substring(dot, i) : ""));
      int unitStart = i;
      while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
        i++;
      }
      nanos = nanos.add(number.multiply(BigDecimal.valueOf(unitNanos(s.substring(unitStart, i), text))));
    }
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("duration overflows: \"" + text + "\"");
    }
    long n = nanos.longValue();
    return Duration.ofNanos(negative ? -n : n);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static long unitNanos(String unit, String text) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "\u00b5s", "\u03bcs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      case "" -> throw new IllegalArgumentException("missing unit in duration \"" + text + "\"");
      default -> throw new IllegalArgumentException("unknown unit \"" + unit + "\" in duration \"" + text + "\"");
    };
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("invalid duration \"" + text + "\" (expected e.g. 500ms, 10s or 1m30s)");
  }

  /** Go's text for a duration of whole milliseconds ({@code 2h0m0s}, {@code 1.5s}, {@code -250ms}, {@code 0s}). */
  public static String format(Duration d) {
    return format(d.toMillis());
  }

  /** Go's text for {@code ms} milliseconds ({@code 2h0m0s}, {@code 1.5s}, {@code -250ms}, {@code 0s}). */
  public static String format(long ms) {
    if (ms == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long abs = Math.abs(ms);
    if (ms < 0) {
      sb.append('-');
    }
    if (abs < 1000) {
      return sb.append(abs).append("ms").toString();
    }
    long h = abs / 3_600_000;
    long m = abs / 60_000 % 60;
    long s = abs / 1000 % 60;
    long frac = abs % 1000;
    if (h > 0) {
      sb.append(h).append('h');
    }
    if (h > 0 || m > 0) {
      sb.append(m).append('m');
    }
    sb.append(s);
    if (frac != 0) {
      sb.append(String.format(".%03d", frac).replaceAll("0+$", ""));
    }
    return sb.append('s').toString();
  }
}
