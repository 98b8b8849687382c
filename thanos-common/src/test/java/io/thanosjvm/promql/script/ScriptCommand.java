package io.thanosjvm.promql.script;

import io.thanosjvm.model.Labels;
import java.util.List;

/** One command of a PromQL test script. */
public sealed interface ScriptCommand {

  /** {@code load <step>} with its series. */
  record Load(long stepMillis, List<LoadedSeries> series, int line) implements ScriptCommand {}

  /** A series line of a load command: labels and samples (timestamps already computed). */
  record LoadedSeries(Labels labels, long[] ts, double[] vs) {}

  /** {@code clear}. */
  record Clear(int line) implements ScriptCommand {}

  /** {@code eval[_fail|_ordered] instant at <t> <expr>} and its expected result. */
  record Eval(String expr, long timeMillis, boolean fail, boolean ordered, List<Expected> expected, Double scalar,
      int line) implements ScriptCommand {}

  /** One expected vector element. */
  record Expected(Labels labels, double value) {}
}
