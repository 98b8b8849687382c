package io.thanosjvm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Prometheus duration strings as used in objstore YAML. */
class PromDurationTest {

  @Test
  void parsesCompoundDurations() {
    assertThat(PromDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(PromDuration.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(PromDuration.parse("1d2h3m4s5ms")).isEqualTo(Duration.ofDays(1).plusHours(2).plusMinutes(3)
        .plusSeconds(4).plusMillis(5));
    assertThat(PromDuration.parse("1w")).isEqualTo(Duration.ofDays(7));
    assertThat(PromDuration.parse("1y")).isEqualTo(Duration.ofDays(365));
    assertThat(PromDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(PromDuration.parse("0s")).isZero();
    assertThat(PromDuration.parse("0")).isZero();
  }

  @Test
  void rejectsGoOnlyAndMalformedDurations() {
    for (String bad : new String[] {"", "1.5s", "s", "1m1h", "10us", "-1s", "90 seconds"}) {
      assertThatThrownBy(() -> PromDuration.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
