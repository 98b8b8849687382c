package io.thanosjvm.tsdb.record;

/**
 * Decodes records by their type byte into reusable holders and hands them to a {@link RecordHandler}; counts
 * the records of each type, including the skipped ones (types other than Series, Samples and Tombstones). One
 * dispatcher per replay; not thread-safe.
 */
public final class RecordDispatcher {

  private final RecordDecoder decoder = new RecordDecoder();
  private final RecordHandler handler;
  private final SeriesRecord series = new SeriesRecord();
  private final SamplesRecord samples = new SamplesRecord(1024);
  private final TombstonesRecord tombstones = new TombstonesRecord();
  private final long[] counts = new long[RecordType.values().length];

  /** A dispatcher calling {@code handler}. */
  public RecordDispatcher(RecordHandler handler) {
    this.handler = java.util.Objects.requireNonNull(handler, "handler");
  }

  /**
   * Decodes one record and calls the handler.
   *
   * @return the record's type
   * @throws io.thanosjvm.tsdb.encoding.CorruptBlockException if a Series, Samples or Tombstones record is
   *     malformed
   */
  public RecordType dispatch(byte[] rec, int len) {
    RecordType type = RecordType.of(rec, len);
    counts[type.ordinal()]++;
    switch (type) {
      case SERIES -> {
        decoder.series(rec, len, series);
        handler.series(series);
      }
      case SAMPLES -> {
        decoder.samples(rec, len, samples);
        handler.samples(samples);
      }
      case TOMBSTONES -> {
        decoder.tombstones(rec, len, tombstones);
        handler.tombstones(tombstones);
      }
      default -> handler.skipped(type, rec, len);
    }
    return type;
  }

  /** How many records of {@code type} were dispatched. */
  public long count(RecordType type) {
    return counts[type.ordinal()];
  }

  /** How many records were skipped (not Series, Samples or Tombstones). */
  public long skipped() {
    long n = 0;
    for (RecordType t : RecordType.values()) {
      if (t != RecordType.SERIES && t != RecordType.SAMPLES && t != RecordType.TOMBSTONES) {
        n += counts[t.ordinal()];
      }
    }
    return n;
  }
}
