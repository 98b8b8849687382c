package io.thanosjvm.promql.engine;

import io.thanosjvm.model.Labels;

/** One series of an instant vector over all steps: a value and presence flag per step. */
final class StepSeries {

  final Labels labels;
  final double[] v;
  final boolean[] has;
  /** Sample timestamps per step, only filled for {@code timestamp(selector)}; else null. */
  long[] sampleTs;

  StepSeries(Labels labels, int steps) {
    this.labels = labels;
    this.v = new double[steps];
    this.has = new boolean[steps];
  }

  StepSeries(Labels labels, double[] v, boolean[] has) {
    this.labels = labels;
    this.v = v;
    this.has = has;
  }

  int count() {
    int c = 0;
    for (boolean b : has) {
      if (b) {
        c++;
      }
    }
    return c;
  }
}
