package io.thanosjvm.tsdb.chunkenc;

import java.util.Arrays;

/**
 * An append-only MSB-first bit stream, laid out like Prometheus' {@code bstream}: a new byte is added
 * only when the next bit is written, so the stream is exactly {@code ceil(bits / 8)} bytes long and the
 * last byte is zero padded.
 */
final class BitWriter {

  private byte[] buf;
  private int len;
  private int freeBits;

  BitWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  void reset() {
    Arrays.fill(buf, 0, len, (byte) 0);
    len = 0;
    freeBits = 0;
  }

  private void grow() {
    if (len == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
  }

  void writeBit(boolean bit) {
    if (freeBits == 0) {
      grow();
      buf[len++] = 0;
      freeBits = 8;
    }
    if (bit) {
      buf[len - 1] |= (byte) (1 << (freeBits - 1));
    }
    freeBits--;
  }

  void writeByte(int v) {
    if (freeBits == 0) {
      grow();
      buf[len++] = (byte) v;
      return;
    }
    buf[len - 1] |= (byte) ((v & 0xFF) >>> (8 - freeBits));
    grow();
    buf[len++] = (byte) (v << freeBits);
  }

  /** Writes the low {@code nbits} bits of {@code v}, most significant first. */
  void writeBits(long v, int nbits) {
    v <<= 64 - nbits;
    while (nbits >= 8) {
      writeByte((int) (v >>> 56));
      v <<= 8;
      nbits -= 8;
    }
    while (nbits > 0) {
      writeBit(v < 0);
      v <<= 1;
      nbits--;
    }
  }

  /** Overwrites a byte already written (used for the sample count header). */
  void setByte(int index, int v) {
    buf[index] = (byte) v;
  }

  int length() {
    return len;
  }

  byte[] array() {
    return buf;
  }
}
