package io.thanosjvm.tools.tsdb;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles like Go's {@code fmt} {@code %g} verb, which promtool uses to print sample values:
 * shortest round-trip digits, exponent form when the decimal exponent is below -4 or at least 6.
 */
public final class GoFloat {

  private GoFloat() {}

  /**
   * Go's {@code fmt.Sprintf("%g", v)}: {@code NaN}, {@code +Inf}, {@code -Inf}; otherwise the shortest
   * decimal that reads back as {@code v}, in {@code %e} form ({@code 4.05359082e+08}) when the exponent is
   * below -4 or at least 6 (Go's precision for that decision with shortest formatting), else plain.
   */
  public static String formatG(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    StringBuilder sb = new StringBuilder(24);
    if (v == 0) {
      return (Double.doubleToRawLongBits(v) < 0) ? "-0" : "0";
    }
    if (v < 0) {
      sb.append('-');
      v = -v;
    }
    Digits d = shortest(v);
    int exp = d.pointPos - 1;
    if (exp < -4 || exp >= 6) {
      sb.append(d.digits.charAt(0));
      if (d.digits.length() > 1) {
        sb.append('.').append(d.digits, 1, d.digits.length());
      }
      sb.append('e').append(exp < 0 ? '-' : '+');
      int ae = Math.abs(exp);
      if (ae < 10) {
        sb.append('0');
      }
      sb.append(ae);
    } else if (d.pointPos <= 0) {
      sb.append("0.");
      for (int i = 0; i < -d.pointPos; i++) {
        sb.append('0');
      }
      sb.append(d.digits);
    } else if (d.pointPos >= d.digits.length()) {
      sb.append(d.digits);
      for (int i = d.digits.length(); i < d.pointPos; i++) {
        sb.append('0');
      }
    } else {
      sb.append(d.digits, 0, d.pointPos).append('.').append(d.digits, d.pointPos, d.digits.length());
    }
    return sb.toString();
  }

  /** Decimal digits without leading/trailing zeros and the position of the decimal point. */
  record Digits(String digits, int pointPos) {}

  /**
   * Shortest digits that round-trip, closest to the exact value among those. Starts from Java's
   * {@link Double#toString} (which round-trips but, before Java 19, may have one digit too many) and
   * tries shorter candidates.
   */
  static Digits shortest(double v) {
    if (v < 1e15 && v == Math.rint(v)) {
      String u = Long.toString((long) v);
      int end = u.length();
      while (end > 1 && u.charAt(end - 1) == '0') {
        end--;
      }
      return new Digits(u.substring(0, end), u.length());
    }
    Digits d = parseJava(Double.toString(v));
    while (d.digits.length() > 1) {
      Digits shorter = roundTo(v, d.digits.length() - 1);
      if (shorter == null) {
        break;
      }
      d = shorter;
    }
    // Java may pick a round-tripping string that is not the closest of its length; fix via exact rounding.
    Digits exact = roundTo(v, d.digits.length());
    return exact != null ? exact : d;
  }

  /** The {@code n}-significant-digit rounding of {@code v} if it round-trips, else null. */
  private static Digits roundTo(double v, int n) {
    BigDecimal r = new BigDecimal(v).round(new MathContext(n, RoundingMode.HALF_EVEN));
    if (r.doubleValue() != v) {
      return null;
    }
    BigDecimal s = r.stripTrailingZeros();
    String u = s.unscaledValue().toString();
    return new Digits(u, u.length() - s.scale());
  }

  private static Digits parseJava(String s) {
    int e = s.indexOf('E');
    int exp = 0;
    String m = s;
    if (e >= 0) {
      exp = Integer.parseInt(s.substring(e + 1));
      m = s.substring(0, e);
    }
    int dot = m.indexOf('.');
    String intPart = dot < 0 ? m : m.substring(0, dot);
    String frac = dot < 0 ? "" : m.substring(dot + 1);
    String all = intPart + frac;
    int point = intPart.length() + exp;
    int lead = 0;
    while (lead < all.length() - 1 && all.charAt(lead) == '0') {
      lead++;
    }
    all = all.substring(lead);
    point -= lead;
    int end = all.length();
    while (end > 1 && all.charAt(end - 1) == '0') {
      end--;
    }
    return new Digits(all.substring(0, end), point);
  }
}
