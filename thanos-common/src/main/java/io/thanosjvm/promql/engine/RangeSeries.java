package io.thanosjvm.promql.engine;

import io.thanosjvm.model.Labels;

/** Raw samples of one series for range windows (stale markers removed), sorted by timestamp. */
final class RangeSeries {

  final Labels labels;
  final long[] ts;
  final double[] vs;
  final int n;

  RangeSeries(Labels labels, long[] ts, double[] vs, int n) {
    this.labels = labels;
    this.ts = ts;
    this.vs = vs;
    this.n = n;
  }
}
