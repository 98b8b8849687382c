package io.thanosjvm.tsdb.chunkenc;

import java.util.List;

/**
 * Iterates the counter sub-chunks of consecutive aggregate chunks as one monotonic series: the first
 * value starts the total, a later sample with a higher timestamp adds its increase over the last raw
 * value (or itself after a reset), and a sample repeating the previous timestamp only records the true
 * last raw value of its chunk, so resets across chunk boundaries are seen. NaN values and samples going
 * back in time are skipped.
 */
public final class CounterResetIterator {

  private final List<XorIterator> chunks;
  private int i;
  private int total;
  private long lastT;
  private double lastV;
  private double totalV;

  /** Iterates the given counter sub-chunk iterators in order. */
  public CounterResetIterator(List<XorIterator> chunks) {
    this.chunks = chunks;
  }

  /** Advances to the next counter sample; false at the end. */
  public boolean next() {
    while (i < chunks.size()) {
      XorIterator it = chunks.get(i);
      if (!it.next()) {
        i++;
        continue;
      }
      long t = it.atT();
      double v = it.atV();
      if (Double.isNaN(v)) {
        continue;
      }
      if (total == 0) {
        total++;
        lastT = t;
        lastV = v;
        totalV = v;
        return true;
      }
      if (t > lastT) {
        totalV += v >= lastV ? v - lastV : v;
        lastT = t;
        lastV = v;
        total++;
        return true;
      }
      if (t == lastT) {
        lastV = v;
      }
    }
    return false;
  }

  /** Timestamp of the current sample. */
  public long atT() {
    return lastT;
  }

  /** Reset-compensated counter value of the current sample. */
  public double atV() {
    return totalV;
  }

  /** The last raw value seen (the end-of-chunk marker of the last chunk read). */
  public double lastRawValue() {
    return lastV;
  }
}
