package io.thanosjvm.query.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.dedup.PenaltyDedupIterator;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.promql.storage.ArraySampleIterator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two replicas scraping the same counter whose processes started at different times (so their absolute values
 * differ), each with a gap: without adjustment the merged counter drops at a switch, which PromQL reads as a
 * reset and turns into a rate spike; with the counter adjustment it never drops.
 */
class CounterDedupTest {

  private static final long STEP = 15_000;

  /** Counter value 10/sample, shifted by {@code base}, missing k in [gapFrom, gapTo). */
  private static SampleIterator counter(double base, int gapFrom, int gapTo) {
    long[] ts = new long[240];
    double[] vs = new double[240];
    int c = 0;
    for (int k = 0; k < 240; k++) {
      if (k < gapFrom || k >= gapTo) {
        ts[c] = k * STEP;
        vs[c] = base + 10.0 * k;
        c++;
      }
    }
    return new ArraySampleIterator(ts, vs, 0, c);
  }

  private static double[] values(SampleIterator it) {
    List<Double> out = new ArrayList<>();
    while (it.next()) {
      out.add(it.atV());
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Prometheus' increase over the whole series: deltas, a drop counts as a reset adding the new value. */
  private static double promIncrease(double[] v) {
    double total = 0;
    for (int i = 1; i < v.length; i++) {
      total += v[i] >= v[i - 1] ? v[i] - v[i - 1] : v[i];
    }
    return total;
  }

  private static int resets(double[] v) {
    int n = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] < v[i - 1]) {
        n++;
      }
    }
    return n;
  }

  @Test
  void withoutAdjustmentTheSwitchToALowerReplicaLooksLikeAReset() {
    double[] v = values(PenaltyDedupIterator.of(List.of(counter(1000, 40, 80), counter(0, 140, 180)), false));
    assertThat(resets(v)).isEqualTo(1);
    assertThat(promIncrease(v)).isGreaterThan(10.0 * 239);
  }

  @Test
  void counterAdjustmentKeepsTheMergedCounterMonotonicSoRateHasNoSpike() {
    double[] v = values(PenaltyDedupIterator.of(List.of(counter(1000, 40, 80), counter(0, 140, 180)), true));
    assertThat(resets(v)).isZero();
    // over the whole range the increase is exactly the true one (first and last sample come from replica A)
    assertThat(promIncrease(v)).isEqualTo(10.0 * 239);
    // locally, a switch can hold the counter flat for the penalty window and catch up later, never more
    for (int i = 1; i < v.length; i++) {
      assertThat(v[i] - v[i - 1]).as("step %d", i).isBetween(0.0, 60.0);
    }
  }

  @Test
  void adjustmentAlsoWorksAcrossThreeReplicas() {
    double[] v = values(PenaltyDedupIterator.of(List.of(counter(500, 30, 90), counter(0, 0, 20),
        counter(2000, 100, 240)), true));
    assertThat(resets(v)).isZero();
  }

  @Test
  void onlyRateLikeFunctionsAreCounterConsumers() {
    assertThat(List.of("rate", "increase", "irate", "resets")).allMatch(DedupFunctions::isCounter);
    assertThat(List.of("", "delta", "sum_over_time", "deriv", "max_over_time")).noneMatch(DedupFunctions::isCounter);
    assertThat(DedupFunctions.isCounter(null)).isFalse();
  }
}
