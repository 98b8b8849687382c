package io.thanosjvm.promql.ast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.model.PromDuration;
import org.junit.jupiter.api.Test;

class GoFloatAndDurationsTest {

  @Test
  void formatsLikeGoFmtAndStrconv() {
    assertThat(GoFloat.formatG(1e6)).isEqualTo("1e+06");
    assertThat(GoFloat.formatG(123456.0)).isEqualTo("123456");
    assertThat(GoFloat.formatG(0.0001)).isEqualTo("0.0001");
    assertThat(GoFloat.formatG(0.00001)).isEqualTo("1e-05");
    assertThat(GoFloat.formatG(-2.5e-7)).isEqualTo("-2.5e-07");
    assertThat(GoFloat.formatG(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(GoFloat.formatF(1e21)).isEqualTo("1000000000000000000000");
    assertThat(GoFloat.formatF(0.1)).isEqualTo("0.1");
    assertThat(GoFloat.formatF(-0.0)).isEqualTo("-0");
    // JDK 17's Double.toString prints 2.82879384806159008E17 here; Go prints the shortest form.
    assertThat(GoFloat.formatG(2.82879384806159E17)).isEqualTo("2.82879384806159e+17");
    assertThat(GoFloat.formatF(2.82879384806159E17)).isEqualTo("282879384806159000");
  }

  @Test
  void parsesLikeGoParseFloat() {
    assertThat(GoFloat.parse("+Inf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(GoFloat.parse("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(GoFloat.parse("NaN")).isNaN();
    assertThat(GoFloat.parse("0x1F")).isEqualTo(31);
    assertThat(GoFloat.parse("1e3")).isEqualTo(1000);
    assertThatThrownBy(() -> GoFloat.parse("1d")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> GoFloat.parse("Infinity5")).isInstanceOf(NumberFormatException.class);
    assertThatThrownBy(() -> GoFloat.parse("")).isInstanceOf(NumberFormatException.class);
  }

  @Test
  void durationsParseAndFormatLikePrometheus() {
    assertThat(PromDuration.parseMillis("1h30m")).isEqualTo(5_400_000);
    assertThat(PromDuration.parseMillis("1y")).isEqualTo(365L * 24 * 3_600_000);
    assertThat(PromDuration.parseMillis("100ms")).isEqualTo(100);
    assertThat(PromDuration.parseMillis("0")).isZero();
    assertThat(PromDuration.format(5_400_000)).isEqualTo("1h30m");
    assertThat(PromDuration.format(90L * 24 * 3_600_000)).isEqualTo("90d");
    assertThat(PromDuration.format(0)).isEqualTo("0s");
    assertThatThrownBy(() -> PromDuration.parseMillis("1m1h")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PromDuration.parseMillis("5")).isInstanceOf(IllegalArgumentException.class);
  }
}
