package io.thanosjvm.tsdb.chunkenc;

import java.util.Arrays;

/**
 * An append-only MSB-first bit stream with exactly the byte layout of Prometheus' {@code bstream}.
 * Bits are written straight into a byte array at a bit position. One quirk is reproduced: Go appends a
 * fresh byte whenever it writes a whole byte, so a stream whose last write was a whole-byte write ending
 * on a byte boundary carries one extra zero byte. Prometheus stores that byte in the chunk, and so do we.
 */
final class BitWriter {

  private byte[] buf;
  private long bits;
  private boolean lastWasWholeBytes;
  private int dirty;

  BitWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  /** Resets to {@code headerBytes} zero bytes, like a fresh XOR chunk. */
  void reset(int headerBytes) {
    Arrays.fill(buf, 0, Math.min(buf.length, Math.max(dirty, headerBytes)), (byte) 0);
    bits = 8L * headerBytes;
    lastWasWholeBytes = false;
    dirty = headerBytes;
  }

  void writeBit(boolean bit) {
    writeBits(bit ? 1 : 0, 1);
  }

  void writeByte(int v) {
    writeBits(v, 8);
  }

  /** Writes the low {@code nbits} (1..64) bits of {@code v}, most significant first. */
  void writeBits(long v, int nbits) {
    int idx = (int) (bits >>> 3);
    int off = (int) (bits & 7);
    int need = idx + 10;
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
    long u = v << (64 - nbits);
    buf[idx] |= (byte) (u >>> (56 + off));
    int taken = 8 - off;
    int rem = nbits - taken;
    if (rem > 0) {
      u <<= taken;
      idx++;
      while (rem > 0) {
        buf[idx++] = (byte) (u >>> 56);
        u <<= 8;
        rem -= 8;
      }
    }
    bits += nbits;
    lastWasWholeBytes = (nbits & 7) == 0;
    dirty = Math.max(dirty, idx + 1);
  }

  /** Overwrites a byte already written (used for the sample count header). */
  void setByte(int index, int v) {
    buf[index] = (byte) v;
  }

  /** Length in bytes, including Go's extra empty byte after an aligned whole-byte write. */
  int length() {
    int n = (int) ((bits + 7) >>> 3);
    if ((bits & 7) == 0 && lastWasWholeBytes) {
      n++;
    }
    if (n > buf.length) {
      buf = Arrays.copyOf(buf, n);
    }
    return n;
  }

  byte[] array() {
    return buf;
  }
}
