package io.thanosjvm.compact.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationsTest {

  @Test
  void formatsLikeGoDurationString() {
    assertThat(GoDurations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(GoDurations.format(Duration.ofDays(1))).isEqualTo("24h0m0s");
    assertThat(GoDurations.format(Duration.ofDays(10))).isEqualTo("240h0m0s");
    assertThat(GoDurations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(GoDurations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(GoDurations.format(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(GoDurations.format(Duration.ofMinutes(61))).isEqualTo("1h1m0s");
  }
}
