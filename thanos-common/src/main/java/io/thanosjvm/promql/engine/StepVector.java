package io.thanosjvm.promql.engine;

import java.util.List;

/** An instant vector over all steps. For a single-step grid the list order is the result order. */
record StepVector(List<StepSeries> series) implements EvalValue {

  long points() {
    long c = 0;
    for (StepSeries s : series) {
      c += s.count();
    }
    return c;
  }
}
