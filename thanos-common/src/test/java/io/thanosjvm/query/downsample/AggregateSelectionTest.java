package io.thanosjvm.query.downsample;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.wire.storepb.Aggr;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AggregateSelectionTest {

  @ParameterizedTest
  @CsvSource({
      "min, MIN", "min_over_time, MIN", "max, MAX", "max_over_time, MAX", "count, COUNT",
      "count_over_time, COUNT", "count_values, COUNT", "sum_over_time, SUM", "rate, COUNTER",
      "increase, COUNTER", "irate, COUNTER", "resets, COUNTER", "xrate, COUNTER", "xincrease, COUNTER",
      "sum, COUNT SUM", "avg_over_time, COUNT SUM", "'', COUNT SUM", "avg, COUNT SUM", "delta, COUNT SUM",
      "quantile_over_time, COUNT SUM", "minute, COUNT SUM", "last_over_time, COUNT SUM", "summary, COUNT SUM",
      "topk, COUNT SUM", "maximum, COUNT SUM"})
  void theEnclosingFunctionChoosesTheAggregatesAsThanosDoes(String function, String expected) {
    List<Aggr> want = java.util.Arrays.stream(expected.split(" ")).map(Aggr::valueOf).toList();
    assertThat(AggregateSelection.forFunction(function)).containsExactlyElementsOf(want);
  }

  @ParameterizedTest
  @CsvSource({"rate, 600000, 3600000, 300000", "increase, 600000, 3600000, 300000", "irate, 120000, 300000, 60000",
      "delta, 600000, 3600000, 300000", "deriv, 600000, 3600000, 300000", "predict_linear, 600000, 300000, 300000",
      "holt_winters, 7200000, 3600000, 3600000", "double_exponential_smoothing, 600000, 300000, 300000",
      "idelta, 600000, 3600000, 300000", "rate, 0, 3600000, 3600000", "sum_over_time, 600000, 3600000, 3600000",
      "'', 0, 300000, 300000", "rate, 600000, 0, 0", "resets, 600000, 3600000, 3600000"})
  void twoSampleFunctionsCapTheWindowAtHalfTheRange(String function, long range, long window, long expected) {
    assertThat(ResolutionWindow.forSelector(window, function, range)).isEqualTo(expected);
  }
}
