package io.thanosjvm.model;

/**
 * Prometheus' staleness marker: a signalling NaN with bits {@code 0x7ff0000000000002}. It must be
 * compared by bits, never with {@link Double#isNaN} alone.
 */
public final class StaleMarker {

  /** The raw bits of the stale marker. */
  public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

  /** The raw bits of the ordinary NaN Prometheus produces. */
  public static final long NORMAL_NAN_BITS = 0x7ff8000000000001L;

  /** The stale marker as a double (keep it raw: arithmetic may quiet it). */
  public static final double STALE_NAN = Double.longBitsToDouble(STALE_NAN_BITS);

  private StaleMarker() {}

  /** Whether {@code v} is exactly the stale marker. */
  public static boolean isStale(double v) {
    return Double.doubleToRawLongBits(v) == STALE_NAN_BITS;
  }
}
