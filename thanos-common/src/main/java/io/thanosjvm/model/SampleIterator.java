package io.thanosjvm.model;

/** Iterates float samples of one series in time order over primitives, without per-sample allocation. */
public interface SampleIterator {

  /** Advances; false when exhausted. */
  boolean next();

  /** Advances to the first sample at or after {@code t} (staying if the current one qualifies). */
  boolean seek(long t);

  /** Current timestamp. */
  long atT();

  /** Current value (raw bits preserved). */
  double atV();
}
