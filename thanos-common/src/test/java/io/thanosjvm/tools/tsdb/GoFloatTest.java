package io.thanosjvm.tools.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GoFloatTest {

  @Test
  void formatsLikeGoPercentG() {
    assertThat(GoFloat.formatG(4.05359082e8)).isEqualTo("4.05359082e+08");
    assertThat(GoFloat.formatG(100305)).isEqualTo("100305");
    assertThat(GoFloat.formatG(1e6)).isEqualTo("1e+06");
    assertThat(GoFloat.formatG(123456.5)).isEqualTo("123456.5");
    assertThat(GoFloat.formatG(0.0001)).isEqualTo("0.0001");
    assertThat(GoFloat.formatG(0.00001)).isEqualTo("1e-05");
    assertThat(GoFloat.formatG(1e-300)).isEqualTo("1e-300");
    assertThat(GoFloat.formatG(1e300)).isEqualTo("1e+300");
    assertThat(GoFloat.formatG(-0.5)).isEqualTo("-0.5");
    assertThat(GoFloat.formatG(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(GoFloat.formatG(-0.0)).isEqualTo("-0");
    assertThat(GoFloat.formatG(Double.NaN)).isEqualTo("NaN");
    assertThat(GoFloat.formatG(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    assertThat(GoFloat.formatG(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(GoFloat.formatG(2e23)).isEqualTo("2e+23");
    assertThat(GoFloat.formatG(Double.MIN_VALUE)).isEqualTo("5e-324");
    assertThat(GoFloat.formatG(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
  }

  /** The shortest round-tripping, nearest digits by brute force: the definition Go implements. */
  private static String reference(double v) {
    for (int p = 1; p <= 17; p++) {
      BigDecimal r = new BigDecimal(v).round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (r.doubleValue() == v) {
        return r.stripTrailingZeros().unscaledValue().toString();
      }
    }
    throw new AssertionError();
  }

  @Test
  void digitsAreTheShortestRoundTrippingOnesForRandomDoubles() {
    SplittableRandom r = new SplittableRandom(99);
    for (int i = 0; i < 40_000; i++) {
      double v = i % 2 == 0 ? Double.longBitsToDouble(r.nextLong() & 0x7FEFFFFFFFFFFFFFL) : r.nextDouble() * 1e6;
      if (v == 0 || Double.isNaN(v)) {
        continue;
      }
      assertThat(GoFloat.shortest(v).digits()).as("%s", v).isEqualTo(reference(v));
    }
  }
}
