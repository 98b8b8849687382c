package io.thanosjvm.tsdb.chunkenc;

import java.util.Arrays;

/**
 * An append-only MSB-first bit stream with exactly the byte layout of Prometheus' {@code bstream}:
 * {@code free} counts the unused bits of the last byte and may be 8 (an empty trailing byte), because
 * writing a whole byte always appends a new byte. That empty byte is part of the chunk Prometheus
 * writes, so it is kept here too.
 */
final class BitWriter {

  private byte[] buf;
  private int len;
  private int free;

  BitWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  /** Resets to {@code headerBytes} zero bytes with no free bits, like a fresh XOR chunk. */
  void reset(int headerBytes) {
    Arrays.fill(buf, 0, Math.max(len, headerBytes), (byte) 0);
    len = headerBytes;
    free = 0;
  }

  private void append(int v) {
    if (len == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    buf[len++] = (byte) v;
  }

  void writeBit(boolean bit) {
    if (free == 0) {
      append(0);
      free = 8;
    }
    if (bit) {
      buf[len - 1] |= (byte) (1 << (free - 1));
    }
    free--;
  }

  void writeByte(int v) {
    if (free == 0) {
      append(0);
      free = 8;
    }
    buf[len - 1] |= (byte) ((v & 0xFF) >>> (8 - free));
    append((v << free) & 0xFF);
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
