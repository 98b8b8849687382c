package io.thanosjvm.compact.downsample;

/**
 * Running statistics of one batch: per-window count, sum, min and max, and a counter over the whole
 * batch that starts at the first value and adds every increase, a decrease counting as a reset
 * (the new value is added).
 */
final class WindowAggregator {

  int total;
  int count;
  double sum;
  double min;
  double max;
  double counter;
  double last;

  /** Forgets everything, for a new batch. */
  void clear() {
    total = 0;
    counter = 0;
    last = 0;
    resetWindow();
  }

  /** Starts a new window, keeping the counter state. */
  void resetWindow() {
    count = 0;
    sum = 0;
    min = Double.MAX_VALUE;
    max = -Double.MAX_VALUE;
  }

  /** Adds one value to the window and the counter. */
  void add(double v) {
    if (total > 0) {
      if (v < last) {
        counter += v;
      } else {
        counter += v - last;
      }
    } else {
      counter = v;
    }
    last = v;
    sum += v;
    count++;
    total++;
    if (v < min) {
      min = v;
    }
    if (v > max) {
      max = v;
    }
  }
}
