package io.thanosjvm.dedup;

import io.thanosjvm.model.SampleIterator;

/**
 * One replica's samples as seen by the deduplicator. In counter mode it carries an additive offset that grows
 * whenever a replica switch finds this replica's value below the last emitted one, so the merged counter never
 * drops spuriously (Thanos issue #2401). NaN values (including stale markers) are returned unchanged, bit for bit.
 */
public final class ReplicaIterator implements AdjustableIterator {

  private final SampleIterator it;
  private final boolean counter;
  private double offset;

  /** Wraps {@code it}; {@code counter} enables the offset adjustment. */
  public ReplicaIterator(SampleIterator it, boolean counter) {
    this.it = it;
    this.counter = counter;
  }

  @Override
  public boolean next() {
    return it.next();
  }

  @Override
  public boolean seek(long t) {
    return it.seek(t);
  }

  @Override
  public long atT() {
    return it.atT();
  }

  @Override
  public double atV() {
    double v = it.atV();
    return offset == 0 || Double.isNaN(v) ? v : v + offset;
  }

  @Override
  public void adjustAtValue(double lastValue) {
    if (!counter) {
      return;
    }
    double v = atV();
    if (lastValue > v) {
      offset += lastValue - v;
    }
  }
}
