package io.thanosjvm.model;

/**
 * One float sample. For bulk data use primitive arrays or iterators instead; this record is for APIs
 * and tests.
 *
 * @param timestamp Unix milliseconds
 * @param value the value, possibly a stale marker (see {@link StaleMarker})
 */
public record Sample(long timestamp, double value) {

  /** Samples are equal when timestamps and value bits are equal (NaN equals NaN of the same bits). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Sample s
        && s.timestamp == timestamp
        && Double.doubleToRawLongBits(s.value) == Double.doubleToRawLongBits(value);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(timestamp) * 31 + Long.hashCode(Double.doubleToRawLongBits(value));
  }
}
