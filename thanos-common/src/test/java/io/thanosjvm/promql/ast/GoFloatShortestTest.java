package io.thanosjvm.promql.ast;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast shortest-decimal formatting gives exactly what the exact reference gives: the fewest significant
 * digits whose correctly rounded decimal parses back to the same double, computed with {@link BigDecimal}.
 */
class GoFloatShortestTest {

  @Test
  void everyPowerOfTwoFormatsLikeTheExactReference() {
    for (int e = -1074; e <= 1023; e++) {
      double v = Math.scalb(1.0, e);
      assertSameAsReference(v);
      assertSameAsReference(-v);
    }
  }

  @Test
  void randomMantissasAtEveryBinaryExponentFormatLikeTheExactReference() {
    SplittableRandom r = new SplittableRandom(20231114L);
    for (long exponent = 0; exponent < 0x7ff; exponent++) {
      for (int i = 0; i < 24; i++) {
        long mantissa = r.nextLong() & ((1L << 52) - 1);
        if (i < 3) {
          mantissa = i == 0 ? 1 : i == 1 ? (1L << 52) - 1 : mantissa & ~0xffffL; // extremes and trailing zeros
        }
        double v = Double.longBitsToDouble((exponent << 52) | mantissa);
        if (v != 0) {
          assertSameAsReference(v);
        }
      }
    }
  }

  @Test
  void shortDecimalsAndTheirNeighboursFormatLikeTheExactReference() {
    SplittableRandom r = new SplittableRandom(42);
    for (int i = 0; i < 40_000; i++) {
      long unscaled = r.nextLong(1, 1_000_000_000_000L) / (long) Math.pow(10, r.nextInt(0, 12));
      double v = new BigDecimal(Math.max(unscaled, 1)).scaleByPowerOfTen(r.nextInt(-30, 30)).doubleValue();
      assertSameAsReference(v);
      assertSameAsReference(Math.nextUp(v));
      assertSameAsReference(Math.nextDown(v));
    }
  }

  @Test
  void computedRatesAndAveragesFormatLikeTheExactReference() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 40_000; i++) {
      double increase = r.nextInt(0, 100_000) + r.nextDouble();
      double v = increase / (r.nextInt(1, 3600) * 1.1);
      assertSameAsReference(v);
      assertSameAsReference(v * 1e-9);
      assertSameAsReference(1e9 / v);
    }
  }

  @Test
  void subnormalsAndExtremesFormatLikeTheExactReference() {
    double[] values = {Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE,
        5e-324, 1e-323, 2.2250738585072014E-308, 1.7976931348623157e308, 9007199254740993.0, 0x1p53, 0x1p63,
        1e21, 1e22, 1e23, 5e-7, 1e-6, 999999.9999999999, 2.82879384806159E17, 0.1, 0.2, 0.3, 1 / 3.0, 2 / 3.0};
    for (double v : values) {
      assertSameAsReference(v);
      assertSameAsReference(-v);
    }
  }

  private static void assertSameAsReference(double v) {
    assertThat(GoFloat.formatF(v)).as("formatF(%s)", Double.toHexString(v)).isEqualTo(referenceF(v));
    assertThat(GoFloat.formatG(v)).as("formatG(%s)", Double.toHexString(v)).isEqualTo(referenceG(v));
  }

  /** The exact (slow) definition: the first precision whose correctly rounded decimal parses back to v. */
  private static BigDecimal referenceShortest(double v) {
    BigDecimal exact = new BigDecimal(v);
    for (int p = 1; p < 17; p++) {
      BigDecimal rounded = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (rounded.doubleValue() == v) {
        return rounded.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }

  static String referenceF(double v) {
    return referenceShortest(v).toPlainString();
  }

  static String referenceG(double v) {
    BigDecimal d = referenceShortest(v);
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
      if (Math.abs(exp) < 10) {
        sb.append('0');
      }
      return sb.append(Math.abs(exp)).toString();
    }
    return d.toPlainString();
  }
}
