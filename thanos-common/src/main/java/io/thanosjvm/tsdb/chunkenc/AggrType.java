package io.thanosjvm.tsdb.chunkenc;

/** The five aggregates of a Thanos downsampled chunk, in their on-disk order. */
public enum AggrType {
  /** Number of raw samples per window. */
  COUNT,
  /** Sum of raw values per window. */
  SUM,
  /** Minimum raw value per window. */
  MIN,
  /** Maximum raw value per window. */
  MAX,
  /** Reset-compensated counter, with first/last raw sample framing. */
  COUNTER
}
