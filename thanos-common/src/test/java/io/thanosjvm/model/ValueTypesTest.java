package io.thanosjvm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValueTypesTest {

  @Test
  void timeRangeIsClosedAndValidated() {
    TimeRange r = new TimeRange(10, 20);
    assertThat(r.contains(10)).isTrue();
    assertThat(r.contains(20)).isTrue();
    assertThat(r.overlaps(new TimeRange(20, 30))).isTrue();
    assertThat(r.overlaps(new TimeRange(21, 30))).isFalse();
    assertThat(TimeRange.ofHalfOpen(0, 7_200_000)).isEqualTo(new TimeRange(0, 7_199_999));
    assertThat(r.intersect(new TimeRange(15, 40))).isEqualTo(new TimeRange(15, 20));
    assertThatThrownBy(() -> new TimeRange(2, 1)).hasMessageContaining("after max");
  }

  @Test
  void staleMarkerIsComparedByBits() {
    assertThat(StaleMarker.isStale(StaleMarker.STALE_NAN)).isTrue();
    assertThat(StaleMarker.isStale(Double.NaN)).isFalse();
    assertThat(Double.doubleToRawLongBits(StaleMarker.STALE_NAN)).isEqualTo(0x7ff0000000000002L);
    assertThat(new Sample(1, StaleMarker.STALE_NAN)).isNotEqualTo(new Sample(1, Double.NaN));
  }

  @Test
  void promDurationsParseAndPrintLikePrometheus() {
    assertThat(PromDuration.parseMillis("1h30m")).isEqualTo(5_400_000);
    assertThat(PromDuration.parseMillis("0")).isZero();
    assertThat(PromDuration.parseMillis("2d")).isEqualTo(172_800_000);
    assertThat(PromDuration.parseMillis("1y")).isEqualTo(365L * 86_400_000);
    assertThat(PromDuration.parseMillis("150ms")).isEqualTo(150);
    assertThat(PromDuration.format(5_400_000)).isEqualTo("1h30m");
    assertThat(PromDuration.format(0)).isEqualTo("0s");
    assertThat(PromDuration.format(14 * 86_400_000L)).isEqualTo("2w");
    assertThat(PromDuration.format(8 * 86_400_000L)).isEqualTo("8d");
    assertThat(PromDuration.format(1500)).isEqualTo("1s500ms");
    assertThatThrownBy(() -> PromDuration.parseMillis("30m1h")).hasMessageContaining("\"30m1h\"");
    assertThatThrownBy(() -> PromDuration.parseMillis("5x")).hasMessageContaining("not a valid duration");
    assertThatThrownBy(() -> PromDuration.parseMillis("")).hasMessageContaining("empty");
  }

  @Test
  void quotesLikeGoStrconvQuote() {
    assertThat(PromStrings.quote("a\"b\\c\n")).isEqualTo("\"a\\\"b\\\\c\\n\"");
    assertThat(PromStrings.quote("\u0001")).isEqualTo("\"\\x01\"");
    assertThat(PromStrings.quote("héllo \uD83D\uDE00")).isEqualTo("\"héllo \uD83D\uDE00\"");
    assertThat(PromStrings.quote("\u200b")).isEqualTo("\"\\u200b\"");
  }

  @Test
  void labelNamesAreValidatedLikePrometheus() {
    assertThat(Label.isValidName("__name__")).isTrue();
    assertThat(Label.isValidName("a1")).isTrue();
    assertThat(Label.isValidName("1a")).isFalse();
    assertThat(Label.isValidName("a-b")).isFalse();
  }
}
