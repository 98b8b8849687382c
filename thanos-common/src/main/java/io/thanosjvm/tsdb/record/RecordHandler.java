package io.thanosjvm.tsdb.record;

/**
 * Receives decoded records from a {@link RecordDispatcher}, e.g. a head replaying its WAL. The holders passed in
 * are reused for the next record: copy what must be kept.
 */
public interface RecordHandler {

  /** A Series record. */
  void series(SeriesRecord series);

  /** A Samples record. */
  void samples(SamplesRecord samples);

  /** A Tombstones record. */
  void tombstones(TombstonesRecord tombstones);

  /**
   * A record of another type (exemplars, metadata, histograms, unknown), not decoded; ignored by default.
   *
   * @param rec the record bytes, valid only during the call
   * @param len the record length in {@code rec}
   */
  default void skipped(RecordType type, byte[] rec, int len) {}
}
