package io.thanosjvm.tsdb.encoding;

/**
 * Unsigned LEB128 ("uvarint") and zig-zag ("varint") coding as Go's {@code encoding/binary} does it.
 */
public final class Varints {

  /** The longest uvarint of a 64-bit value. */
  public static final int MAX_LEN = 10;

  private Varints() {}

  /** Writes {@code v} as uvarint into {@code dst} at {@code off}; returns the new offset. */
  public static int putUvarint(byte[] dst, int off, long v) {
    while ((v & ~0x7FL) != 0) {
      dst[off++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    dst[off++] = (byte) v;
    return off;
  }

  /** Writes {@code v} zig-zag encoded as uvarint; returns the new offset. */
  public static int putVarint(byte[] dst, int off, long v) {
    return putUvarint(dst, off, (v << 1) ^ (v >> 63));
  }

  /** Number of bytes of the uvarint encoding of {@code v}. */
  public static int uvarintSize(long v) {
    int n = 1;
    while ((v & ~0x7FL) != 0) {
      n++;
      v >>>= 7;
    }
    return n;
  }

  /** Number of bytes of the zig-zag varint encoding of {@code v}. */
  public static int varintSize(long v) {
    return uvarintSize((v << 1) ^ (v >> 63));
  }
}
