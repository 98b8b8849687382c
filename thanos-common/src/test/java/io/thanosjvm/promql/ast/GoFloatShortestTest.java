package io.thanosjvm.promql.ast;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast shortest-decimal formatting gives exactly what an exact {@link BigDecimal} reference gives: the fewest
 * significant digits that parse back to the same double, the closest such decimal to it (what Go prints).
 */
class GoFloatShortestTest {

  @Test
  void powersOfTwoFormatAsGoPrintsThem() {
    // printed by Go 1.19's strconv.FormatFloat(v, 'f'/'g', -1, 64): shorter than the correctly rounded 17 digits
    assertThat(GoFloat.formatF(0x1p-24)).isEqualTo("0.00000005960464477539063");
    assertThat(GoFloat.formatG(0x1p-24)).isEqualTo("5.960464477539063e-08");
    assertThat(GoFloat.formatG(0x1p-44)).isEqualTo("5.684341886080802e-14");
    assertThat(GoFloat.formatG(0x1p-1017)).isEqualTo("7.120236347223045e-307");
    assertThat(GoFloat.formatF(0x1p89)).isEqualTo("618970019642690200000000000");
    assertThat(GoFloat.formatG(-0x1p89)).isEqualTo("-6.189700196426902e+26");
    assertThat(GoFloat.formatG(0x1p-1)).isEqualTo("0.5");
    assertThat(GoFloat.formatG(0x1p22)).isEqualTo("4.194304e+06");
  }

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
      for (int i = 0; i < 10; i++) {
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
    for (int i = 0; i < 15_000; i++) {
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
    for (int i = 0; i < 15_000; i++) {
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

  /**
   * The exact (slow) definition with {@link BigDecimal}: the fewest significant digits that have a decimal inside
   * the interval of reals that round to v (ends included when v's mantissa is even), and of those decimals the
   * closest to v (ties to an even last digit). Below a power of two the interval's lower half is half as wide,
   * so the closest decimal of a length may lie outside it while a farther one lies inside.
   */
  private static BigDecimal referenceShortest(double v) {
    BigDecimal d = referenceShortestMagnitude(Math.abs(v));
    return v < 0 ? d.negate() : d;
  }

  private static BigDecimal referenceShortestMagnitude(double a) {
    BigDecimal exact = new BigDecimal(a);
    BigDecimal below = new BigDecimal(Math.nextDown(a));
    BigDecimal above = a == Double.MAX_VALUE ? exact.add(exact.subtract(below)) : new BigDecimal(Math.nextUp(a));
    BigDecimal low = exact.add(below).multiply(HALF);
    BigDecimal high = exact.add(above).multiply(HALF);
    boolean inclusive = (Double.doubleToRawLongBits(a) & 1) == 0;
    for (int p = 1; p <= 17; p++) {
      BigDecimal down = exact.round(new MathContext(p, RoundingMode.FLOOR));
      BigDecimal up = exact.round(new MathContext(p, RoundingMode.CEILING));
      boolean downIn = inside(down, low, high, inclusive);
      boolean upIn = inside(up, low, high, inclusive);
      if (downIn && upIn) {
        return exact.round(new MathContext(p, RoundingMode.HALF_EVEN)).stripTrailingZeros();
      } else if (downIn || upIn) {
        return (downIn ? down : up).stripTrailingZeros();
      }
    }
    throw new AssertionError("no 17-digit decimal rounds to " + a);
  }

  private static final BigDecimal HALF = new BigDecimal("0.5");

  private static boolean inside(BigDecimal d, BigDecimal low, BigDecimal high, boolean inclusive) {
    int l = d.compareTo(low);
    int h = d.compareTo(high);
    return inclusive ? l >= 0 && h <= 0 : l > 0 && h < 0;
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
