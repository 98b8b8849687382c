package io.thanosjvm.dedup;

import io.thanosjvm.model.SampleIterator;

/**
 * A sample iterator whose current and later values can be shifted up when the deduplicating iterator switches
 * to it from a replica that already emitted a higher counter value.
 */
public interface AdjustableIterator extends SampleIterator {

  /**
   * Told the last value emitted before a replica switch; a counter replica whose current value is lower adds
   * the difference to all its values from now on, a non-counter replica ignores it.
   */
  void adjustAtValue(double lastValue);
}
