package io.thanosjvm.promql.ast;

import java.math.BigDecimal;

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
    return shortest(v).toPlainString();
  }

  /**
   * The shortest decimal that parses back to exactly {@code v} (what Go's shortest formatting produces; JDK 17's
   * {@code Double.toString} is not always shortest).
   */
  static BigDecimal shortest(double v) {
    BigDecimal exact = new BigDecimal(v);
    for (int p = 1; p < 17; p++) {
      BigDecimal r = exact.round(new java.math.MathContext(p, java.math.RoundingMode.HALF_EVEN));
      if (r.doubleValue() == v) {
        return r.stripTrailingZeros();
      }
    }
    return exact.round(new java.math.MathContext(17, java.math.RoundingMode.HALF_EVEN)).stripTrailingZeros();
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
    BigDecimal d = shortest(v);
    int exp = d.precision() - d.scale() - 1;
    if (exp < -4 || exp >= 6) {
      String digits = d.unscaledValue().abs().toString();
      StringBuilder sb = new StringBuilder();
      if (v < 0) {
        sb.append('-');
      }
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(exp < 0 ? '-' : '+');
      int ae = Math.abs(exp);
      if (ae < 10) {
        sb.append('0');
      }
      return sb.append(ae).toString();
    }
    return d.toPlainString();
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
}
