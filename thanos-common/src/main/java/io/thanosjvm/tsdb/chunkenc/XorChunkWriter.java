package io.thanosjvm.tsdb.chunkenc;

import java.util.Arrays;

/**
 * Builds an XOR float chunk sample by sample, producing exactly the bytes Prometheus 2.42 writes for the
 * same samples: a big-endian 16-bit count, then the bit stream of delta-of-delta timestamps and XOR
 * compressed values. Reusable via {@link #reset()}; appending allocates nothing unless the buffer grows.
 */
public final class XorChunkWriter {

  /** Most samples an XOR chunk can count (16-bit header). */
  public static final int MAX_SAMPLES = 0xFFFF;

  private final BitWriter out = new BitWriter(128);
  private int count;
  private long t;
  private long tDelta;
  private long vBits;
  private int leading;
  private int trailing;
  private long minT;

  /** Creates an empty chunk. */
  public XorChunkWriter() {
    reset();
  }

  /** Discards all samples. */
  public void reset() {
    out.reset(2);
    count = 0;
    leading = 0xFF;
    trailing = 0;
  }

  /** Number of samples appended. */
  public int numSamples() {
    return count;
  }

  /** Time of the first sample (undefined when empty). */
  public long minTime() {
    return minT;
  }

  /** Time of the last sample (undefined when empty). */
  public long maxTime() {
    return t;
  }

  /**
   * Appends a sample. Timestamps should be increasing, as in Prometheus; any long value is encoded
   * faithfully.
   *
   * @throws IllegalStateException when the chunk already holds {@link #MAX_SAMPLES} samples
   */
  public void append(long ts, double v) {
    if (count == MAX_SAMPLES) {
      throw new IllegalStateException("XOR chunk is full (" + MAX_SAMPLES + " samples)");
    }
    long bits = Double.doubleToRawLongBits(v);
    if (count == 0) {
      writeVarint(ts);
      out.writeBits(bits, 64);
      minT = ts;
    } else if (count == 1) {
      long d = ts - t;
      writeUvarint(d);
      writeValue(bits);
      tDelta = d;
    } else {
      long d = ts - t;
      long dod = d - tDelta;
      if (dod == 0) {
        out.writeBit(false);
      } else if (fits(dod, 14)) {
        out.writeBits(0b10, 2);
        out.writeBits(dod, 14);
      } else if (fits(dod, 17)) {
        out.writeBits(0b110, 3);
        out.writeBits(dod, 17);
      } else if (fits(dod, 20)) {
        out.writeBits(0b1110, 4);
        out.writeBits(dod, 20);
      } else {
        out.writeBits(0b1111, 4);
        out.writeBits(dod, 64);
      }
      writeValue(bits);
      tDelta = d;
    }
    t = ts;
    vBits = bits;
    count++;
    out.setByte(0, count >>> 8);
    out.setByte(1, count);
  }

  private static boolean fits(long x, int nbits) {
    return -((1L << (nbits - 1)) - 1) <= x && x <= 1L << (nbits - 1);
  }

  private void writeVarint(long v) {
    writeUvarint((v << 1) ^ (v >> 63));
  }

  private void writeUvarint(long v) {
    while ((v & ~0x7FL) != 0) {
      out.writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.writeByte((int) v);
  }

  private void writeValue(long bits) {
    long delta = bits ^ vBits;
    if (delta == 0) {
      out.writeBit(false);
      return;
    }
    out.writeBit(true);
    int lz = Long.numberOfLeadingZeros(delta);
    int tz = Long.numberOfTrailingZeros(delta);
    if (lz >= 32) {
      lz = 31;
    }
    if (leading != 0xFF && lz >= leading && tz >= trailing) {
      out.writeBit(false);
      out.writeBits(delta >>> trailing, 64 - leading - trailing);
      return;
    }
    leading = lz;
    trailing = tz;
    out.writeBit(true);
    out.writeBits(lz, 5);
    int sig = 64 - lz - tz;
    out.writeBits(sig, 6);
    out.writeBits(delta >>> tz, sig);
  }

  /** Size in bytes of the encoded chunk so far. */
  public int byteLength() {
    return out.length();
  }

  /** A copy of the encoded chunk. */
  public byte[] bytes() {
    return Arrays.copyOf(out.array(), out.length());
  }

  /** The internal buffer; only the first {@link #byteLength()} bytes are valid. */
  public byte[] buffer() {
    return out.array();
  }
}
