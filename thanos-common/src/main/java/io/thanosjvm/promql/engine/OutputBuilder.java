package io.thanosjvm.promql.engine;

import io.thanosjvm.model.Labels;
import io.thanosjvm.promql.QueryExecutionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects output series by labels and rejects two values for one labelset at one step. */
final class OutputBuilder {

  static final String DUPLICATE = "vector cannot contain metrics with the same labelset";

  private final int steps;
  private final Map<Labels, Integer> index = new HashMap<>();
  private final List<StepSeries> out = new ArrayList<>();

  OutputBuilder(int steps) {
    this.steps = steps;
  }

  /** The index of the series with these labels, created if new. */
  int seriesFor(Labels labels) {
    Integer i = index.get(labels);
    if (i == null) {
      i = out.size();
      index.put(labels, i);
      out.add(new StepSeries(labels, steps));
    }
    return i;
  }

  /** Sets a value; a second value at the same step is an error. */
  void set(int series, int step, double v) {
    set(series, step, v, DUPLICATE);
  }

  /** Sets a value; a second value at the same step fails with {@code duplicateMessage}. */
  void set(int series, int step, double v, String duplicateMessage) {
    StepSeries s = out.get(series);
    if (s.has[step]) {
      throw new QueryExecutionException(duplicateMessage);
    }
    s.has[step] = true;
    s.v[step] = v;
  }

  boolean has(int series, int step) {
    return out.get(series).has[step];
  }

  /** The series that have at least one value, in creation order. */
  StepVector build() {
    List<StepSeries> res = new ArrayList<>(out.size());
    for (StepSeries s : out) {
      for (boolean b : s.has) {
        if (b) {
          res.add(s);
          break;
        }
      }
    }
    return new StepVector(res);
  }
}
