package io.thanosjvm.promql.storage;

/**
 * A forward-only iterator over one series' float samples in timestamp order, without boxing.
 * Stale markers are returned as they are stored.
 */
public interface SampleIterator {

  /** Advances to the next sample; false when exhausted. */
  boolean next();

  /**
   * Advances to the first sample with timestamp {@code >= t} (staying put if the current one already is);
   * false when there is none.
   */
  boolean seek(long t);

  /** The current sample's timestamp in milliseconds. */
  long atT();

  /** The current sample's value. */
  double atV();
}
