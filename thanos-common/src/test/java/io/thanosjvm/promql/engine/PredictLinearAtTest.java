package io.thanosjvm.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.thanosjvm.model.Labels;
import io.thanosjvm.promql.storage.InMemoryQueryable;
import org.junit.jupiter.api.Test;

/**
 * {@code predict_linear} is the one range-vector function Prometheus 2.42 does not treat as step-invariant: in a
 * range query, the {@code @} of its range argument becomes an offset from the first step, so the window slides with
 * the steps, while a selector still reads samples only up to the {@code @} time. Found by the random differential
 * against Prometheus 2.42 ({@code predict_linear(demo_memory_bytes[1m] @ T, 6180)} over a range after T: one point
 * there, seven here).
 */
class PredictLinearAtTest {

  private static final Engine ENGINE = new Engine(EngineOptions.defaults());

  /** x = i² at i × 30 s. */
  private static InMemoryQueryable squares() {
    InMemoryQueryable q = new InMemoryQueryable();
    for (int i = 0; i <= 20; i++) {
      q.append(Labels.of("__name__", "x"), i * 30_000L, (double) i * i);
    }
    return q;
  }

  @Test
  void selectorWindowSlidesPastTheAtTimeAndFindsNoSamplesThere() {
    MatrixValue m = (MatrixValue) ENGINE.rangeQuery(squares(), "predict_linear(x[1m] @ 120, 0)", 120_000, 300_000,
        60_000).value();
    // step 120 s: samples 4, 9, 16 at 60..120 s, the line's value at 120 s; later windows end past 120 s and hold
    // at most the one sample at 120 s
    assertThat(m.series()).hasSize(1);
    assertThat(m.series().get(0).timestamps()).containsExactly(120_000);
    assertThat(m.series().get(0).values()[0]).isCloseTo(29.0 / 3 + 0.2 * 30, within(1e-9));
  }

  @Test
  void subqueryWindowSlidesWithTheSteps() {
    MatrixValue m = (MatrixValue) ENGINE.rangeQuery(squares(), "predict_linear(x[1m:30s] @ 120, 0)", 120_000,
        180_000, 60_000).value();
    assertThat(m.series()).hasSize(1);
    assertThat(m.series().get(0).timestamps()).containsExactly(120_000, 180_000);
    // step 180 s: the window is 120..180 s (16, 25, 36), not 60..120 s
    assertThat(m.series().get(0).values()[1]).isCloseTo(77.0 / 3 + 20.0 / 60 * 30, within(1e-9));
  }

  @Test
  void instantQueriesAndOtherFunctionsKeepTheWindowAtTheAtTime() {
    VectorValue v = (VectorValue) ENGINE.instantQuery(squares(), "predict_linear(x[1m] @ 120, 0)", 300_000).value();
    assertThat(v.elements()).hasSize(1);
    // the line through 60..120 s, read at the evaluation time 300 s
    assertThat(v.elements().get(0).v()).isCloseTo(29.0 / 3 + 0.2 * 210, within(1e-9));
    MatrixValue m = (MatrixValue) ENGINE.rangeQuery(squares(), "max_over_time(x[1m] @ 120)", 120_000, 300_000,
        60_000).value();
    assertThat(m.series().get(0).values()).containsExactly(16, 16, 16, 16);
  }
}
