package io.thanosjvm.cacheutil;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Parses byte sizes as Thanos does ({@code model.Bytes}, i.e. {@code units.ParseBase2Bytes}): one or more
 * {@code <number><unit>} terms such as {@code 250MB}, {@code 1GiB}, {@code 1.5KB} or {@code 1GiB512MiB}; units
 * {@code B}, {@code KB MB GB TB PB EB} and {@code KiB MiB GiB TiB PiB EiB}, all powers of 1024 and
 * case-sensitive (no {@code kB}); a term list uses one family only; a bare {@code 0} is zero, any other bare
 * number is an error (the unit is required).
 */
public final class ByteSizes {

  private ByteSizes() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the text when it is not a size
   */
  public static long parse(String text) {
    Long iec = parse(text, "iB");
    if (iec != null) {
      return iec;
    }
    Long old = parse(text, "B");
    if (old != null) {
      return old;
    }
    throw new IllegalArgumentException("not a byte size: \"" + text + "\" (expected e.g. 512MB, 1GiB or 100B)");
  }

  private static Long parse(String text, String suffix) {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0L;
    }
    if (s.isEmpty()) {
      return null;
    }
    BigDecimal total = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
        i++;
      }
      boolean pre = i > start;
      int dot = i;
      boolean post = false;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        int fracStart = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          i++;
        }
        post = i > fracStart;
      }
      if (!pre && !post) {
        return null;
      }
      BigDecimal number = new BigDecimal((pre ? s.substring(start, dot) : "0") + (post ? s.substring(dot, i) : ""));
      int unitStart = i;
      while (i < s.length() && s.charAt(i) != '.' && !(s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
        i++;
      }
      Long multiplier = multiplier(s.substring(unitStart, i), suffix);
      if (multiplier == null) {
        return null;
      }
      total = total.add(number.multiply(BigDecimal.valueOf(multiplier)));
    }
    BigInteger bytes = total.toBigInteger();
    if (negative) {
      throw new IllegalArgumentException("byte size must not be negative: \"" + text + "\"");
    }
    if (bytes.bitLength() > 63) {
      throw new IllegalArgumentException("byte size overflows: \"" + text + "\"");
    }
    return bytes.longValue();
  }

  private static Long multiplier(String unit, String suffix) {
    if (unit.equals("B")) {
      return 1L;
    }
    if (unit.length() != 1 + suffix.length() || !unit.endsWith(suffix)) {
      return null;
    }
    int power = "KMGTPE".indexOf(unit.charAt(0));
    return power < 0 ? null : 1L << (10 * (power + 1));
  }
}
