package io.thanosjvm.tsdb.record;

/**
 * The type of a WAL record: the first byte of the (decompressed) record, as in Prometheus 2.42's
 * {@code tsdb/record}. A missing or unrecognised byte is {@link #UNKNOWN}.
 */
public enum RecordType {
  /** Series: refs with their label sets. */
  SERIES(1),
  /** Float samples. */
  SAMPLES(2),
  /** Deletion intervals. */
  TOMBSTONES(3),
  /** Exemplars (skipped here). */
  EXEMPLARS(4),
  /** M-map markers of the out-of-order WBL (skipped here). */
  MMAP_MARKERS(5),
  /** Metric metadata (skipped here). */
  METADATA(6),
  /** Native histogram samples (skipped here). */
  HISTOGRAM_SAMPLES(7),
  /** Float native histogram samples (skipped here). */
  FLOAT_HISTOGRAM_SAMPLES(8),
  /** Anything else, including an empty record. */
  UNKNOWN(255);

  private static final RecordType[] BY_CODE = new RecordType[256];

  static {
    for (RecordType t : values()) {
      BY_CODE[t.code] = t;
    }
  }

  private final int code;

  RecordType(int code) {
    this.code = code;
  }

  /** The type byte. */
  public int code() {
    return code;
  }

  /** The type for a type byte; {@link #UNKNOWN} when not one of Prometheus 2.42's types. */
  public static RecordType ofCode(int b) {
    RecordType t = BY_CODE[b & 0xFF];
    return t == null ? UNKNOWN : t;
  }

  /** The type of the record in {@code len} bytes of {@code rec}; {@link #UNKNOWN} for an empty record. */
  public static RecordType of(byte[] rec, int len) {
    return len < 1 ? UNKNOWN : ofCode(rec[0]);
  }

  /** The type of a whole record array. */
  public static RecordType of(byte[] rec) {
    return of(rec, rec.length);
  }
}
