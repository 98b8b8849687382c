package io.thanosjvm.promql.engine;

/** The evaluation timestamps of a node: {@code start, start+interval, ... <= end}. */
final class StepGrid {

  final long start;
  final long end;
  final long interval;
  final int n;

  StepGrid(long start, long end, long interval) {
    if (interval <= 0) {
      throw new IllegalArgumentException("step must be positive");
    }
    this.start = start;
    this.end = end;
    this.interval = interval;
    long count = end < start ? 0 : (end - start) / interval + 1;
    if (count > 11_000_000) {
      throw new io.thanosjvm.promql.QueryExecutionException(
          "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
    }
    this.n = (int) count;
  }

  long t(int i) {
    return start + i * interval;
  }
}
