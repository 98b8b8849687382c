package io.thanosjvm.promql.ast;

import java.math.BigDecimal;
import java.util.Locale;

/** Float formatting and parsing that matches Go's {@code strconv} as Prometheus uses it. */
public final class GoFloat {

  private GoFloat() {}

  /** Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: shortest digits, never an exponent. */
  public static String formatF(double v) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0" : "0";
    }
    if (v == Math.rint(v) && Math.abs(v) < 0x1p53) {
      return Long.toString((long) v); // every integer below 2^53 is its own shortest form
    }
    int[] exp = new int[1];
    long digits = shortestDigits(v, exp);
    return plain(v < 0, Long.toString(digits), exp[0]);
  }

  /** Go's {@code fmt.Sprint(v)} / {@code FormatFloat(v, 'g', -1, 64)}: exponent when exp < -4 or >= 6. */
  public static String formatG(double v) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0" : "0";
    }
    int[] exp = new int[1];
    String digits = Long.toString(shortestDigits(v, exp));
    int decimalExp = digits.length() - 1 + exp[0];
    if (decimalExp < -4 || decimalExp >= 6) {
      StringBuilder sb = new StringBuilder(digits.length() + 6);
      if (v < 0) {
        sb.append('-');
      }
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(decimalExp < 0 ? '-' : '+');
      int ae = Math.abs(decimalExp);
      if (ae < 10) {
        sb.append('0');
      }
      return sb.append(ae).toString();
    }
    return plain(v < 0, digits, exp[0]);
  }

  /**
   * The digits (and in {@code exp[0]} the power-of-ten exponent) of the shortest decimal that parses back to
   * {@code v}, the closest to it when several are as short: what Go's Ryu-based shortest formatting prints.
   */
  static long shortestDigits(double v, int[] exp) {
    return ShortestDecimal.digits(v, exp);
  }

  /** {@code digits × 10^exp} in positional notation. */
  private static String plain(boolean negative, String digits, int exp) {
    StringBuilder sb = new StringBuilder(digits.length() + Math.abs(exp) + 3);
    if (negative) {
      sb.append('-');
    }
    if (exp >= 0) {
      sb.append(digits);
      for (int i = 0; i < exp; i++) {
        sb.append('0');
      }
      return sb.toString();
    }
    int point = digits.length() + exp;
    if (point > 0) {
      return sb.append(digits, 0, point).append('.').append(digits, point, digits.length()).toString();
    }
    sb.append("0.");
    for (int i = point; i < 0; i++) {
      sb.append('0');
    }
    return sb.append(digits).toString();
  }

  private static String special(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (v == Double.POSITIVE_INFINITY) {
      return "+Inf";
    }
    if (v == Double.NEGATIVE_INFINITY) {
      return "-Inf";
    }
    return null;
  }

  /**
   * Go's {@code strconv.ParseFloat(s, 64)}: decimal, exponent, hex float, and case-insensitive
   * {@code inf}, {@code infinity}, {@code nan} with optional sign.
   *
   * @throws NumberFormatException when Go would reject the string
   */
  public static double parse(String s) {
    String t = s;
    boolean neg = false;
    if (!t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-')) {
      neg = t.charAt(0) == '-';
      t = t.substring(1);
    }
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("inf") || lower.equals("infinity")) {
      return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (lower.equals("nan")) {
      if (s.charAt(0) == '+' || s.charAt(0) == '-') {
        throw new NumberFormatException("invalid syntax: " + s);
      }
      return Double.NaN;
    }
    if (t.isEmpty()) {
      throw new NumberFormatException("invalid syntax: " + s);
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'
          || c == 'x' || c == 'X' || c == 'p' || c == 'P' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!ok) {
        throw new NumberFormatException("invalid syntax: " + s);
      }
    }
    boolean hex = lower.startsWith("0x");
    if (!hex && (lower.indexOf('x') >= 0 || lower.indexOf('p') >= 0 || lower.matches(".*[a-df].*"))) {
      throw new NumberFormatException("invalid syntax: " + s);
    }
    double d;
    if (hex) {
      String body = lower.indexOf('p') >= 0 ? t : t + "p0";
      d = Double.parseDouble(body);
    } else {
      d = Double.parseDouble(t);
    }
    return neg ? -d : d;
  }

  /** Go's {@code strconv.FormatFloat(v, 'e', -1, 64)}: shortest digits, exponent of at least two digits. */
  public static String formatE(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    StringBuilder sb = new StringBuilder();
    if (v < 0 || (v == 0 && 1 / v < 0)) {
      sb.append('-');
    }
    if (v == 0) {
      return sb.append("0e+00").toString();
    }
    BigDecimal bd = new BigDecimal(GoFloat.formatG(Math.abs(v))).stripTrailingZeros();
    String digits = bd.unscaledValue().toString();
    int exp = digits.length() - bd.scale() - 1;
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    sb.append('e').append(exp < 0 ? '-' : '+');
    int e = Math.abs(exp);
    if (e < 10) {
      sb.append('0');
    }
    return sb.append(e).toString().toLowerCase(Locale.ROOT);
  }
}
