package io.thanosjvm.tools.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.promql.ast.GoFloat;
import org.junit.jupiter.api.Test;

/**
 * The sample value format of {@code tools tsdb dump} (promtool's {@code %g}), now the shared
 * {@link GoFloat#formatG}; its shortest-digit search is tested against the exact definition in
 * {@code promql.ast.GoFloatShortestTest}.
 */
class GoFloatTest {

  @Test
  void formatsLikeGoPercentG() {
    assertThat(GoFloat.formatG(Math.scalb(1.0, -24))).as("Go prints the closest shortest digits")
        .isEqualTo("5.960464477539063e-08");
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
}
