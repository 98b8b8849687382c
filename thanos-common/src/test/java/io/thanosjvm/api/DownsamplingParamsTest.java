package io.thanosjvm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code max_source_resolution} and the flags around it, with Thanos' defaults and error messages. */
class DownsamplingParamsTest {

  private static final long STEP = 3_000_000; // 50m

  private static ApiParams param(String v) {
    return new ApiParams(v == null ? Map.of() : Map.of(DownsamplingParams.PARAM, List.of(v)));
  }

  @ParameterizedTest
  @CsvSource({"0s, 0", "5m, 300000", "1h, 3600000", "300, 300000", "0.5, 500", "1.0009, 1000", "1d, 86400000",
      "2h30m, 9000000", "auto, 600000", "'', 0", "0, 0", "-0.0000000001, 0"})
  void rangeQueriesReadTheParameterOrStepFifthsForAuto(String v, long expected) {
    // (-1e-10 s is under a nanosecond: a zero Go duration, accepted as raw)
    assertThat(DownsamplingParams.defaults().rangeWindow(param(v), STEP)).isEqualTo(expected);
  }

  @Test
  void withoutTheParameterRangeQueriesReadRawUnlessAutoDownsamplingIsOn() {
    assertThat(DownsamplingParams.defaults().rangeWindow(param(null), STEP)).isZero();
    DownsamplingParams auto = new DownsamplingParams(true, Duration.ZERO, true);
    assertThat(auto.rangeWindow(param(null), STEP)).isEqualTo(STEP / 5);
    assertThat(auto.rangeWindow(param("0s"), STEP)).as("an explicit value wins").isZero();
    assertThat(auto.rangeWindow(param("1h"), STEP)).isEqualTo(3_600_000);
  }

  @Test
  void instantQueriesUseTheInstantDefaultForAutoOnly() {
    DownsamplingParams p = new DownsamplingParams(false, Duration.ofHours(1), true);
    assertThat(p.instantWindow(param(null))).as("absent: raw").isZero();
    assertThat(p.instantWindow(param("auto"))).isEqualTo(3_600_000);
    assertThat(p.instantWindow(param("5m"))).isEqualTo(300_000);
    assertThat(new DownsamplingParams(true, Duration.ofHours(1), true).instantWindow(param(null)))
        .isEqualTo(3_600_000);
    assertThat(DownsamplingParams.defaults().instantWindow(param("auto"))).isZero();
  }

  @Test
  void badValuesAreBadDataWithThanosMessages() {
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    String prefix = "'max_source_resolution' parameter: ";
    cases.put("foo", prefix + "cannot parse \"foo\" to a valid duration");
    cases.put("5x", prefix + "cannot parse \"5x\" to a valid duration");
    cases.put("AUTO", prefix + "cannot parse \"AUTO\" to a valid duration");
    cases.put(" 5", prefix + "cannot parse \" 5\" to a valid duration");
    cases.put("1e300", prefix + "cannot parse \"1e300\" to a valid duration. It overflows int64");
    cases.put("Inf", prefix + "cannot parse \"Inf\" to a valid duration. It overflows int64");
    String negative = "negative 'max_source_resolution' is not accepted. Try a positive integer";
    cases.put("-1", negative);
    cases.put("-0.0001", negative);
    cases.put("-0.0000001", negative);
    cases.put("NaN", negative);
    cases.forEach((v, message) -> assertThatThrownBy(() -> DownsamplingParams.defaults().rangeWindow(param(v), STEP))
        .as(v).isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.error()).isEqualTo(ApiError.BAD_DATA);
          assertThat(e.getMessage()).isEqualTo(message);
        }));
  }

  @ParameterizedTest
  @CsvSource({"5m, 0, 5m", "5m, 300000, 5m", "5m, 300001, 1h", "5m, 600000, 1h", "5m, 3600000, 1h",
      "1m, 300000, 5m", "1m, 60000, 1m", "1m, 300001, 1h", "2h, 3600000, 2h", "2h, 7200001, 2h", "10m, 600001, 1h"})
  void theDynamicLookbackDeltaGrowsToTheResolutionInUse(String base, long window, String expected) {
    Duration b = Duration.parse("PT" + base.toUpperCase());
    assertThat(DownsamplingParams.defaults().lookbackDelta(b, window))
        .isEqualTo(Duration.parse("PT" + expected.toUpperCase()));
    assertThat(new DownsamplingParams(false, Duration.ZERO, false).lookbackDelta(b, window)).isEqualTo(b);
  }
}
