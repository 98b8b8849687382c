package io.thanosjvm.tsdb.chunkenc;

/**
 * Iterates the samples of an XOR chunk. Reusable: {@link #reset(byte[], int, int)} points it at new
 * chunk data without allocating. Reads are bounds checked: a truncated stream throws
 * {@link ChunkFormatException}, never yields garbage samples.
 *
 * <pre>{@code
 * XorIterator it = new XorIterator();
 * it.reset(data, 0, data.length);
 * while (it.next()) { use(it.atT(), it.atV()); }
 * }</pre>
 */
public final class XorIterator {

  private byte[] b;
  private int bytePos;
  private int end;
  private long buf;
  private int valid;

  private int total;
  private int read;
  private long t;
  private long tDelta;
  private long vBits;
  private int leading;
  private int trailing;

  /** Creates an iterator over no data; call {@link #reset} before use. */
  public XorIterator() {
    b = new byte[2];
    end = 2;
  }

  /** Creates an iterator over a whole XOR chunk. */
  public XorIterator(byte[] chunk) {
    reset(chunk, 0, chunk.length);
  }

  /** Points the iterator at the XOR chunk stored in {@code len} bytes of {@code data} from {@code off}. */
  public void reset(byte[] data, int off, int len) {
    if (len < 2) {
      throw new ChunkFormatException("XOR chunk shorter than its 2-byte header: " + len + " bytes");
    }
    b = data;
    total = ((data[off] & 0xFF) << 8) | (data[off + 1] & 0xFF);
    bytePos = off + 2;
    end = off + len;
    buf = 0;
    valid = 0;
    read = 0;
    t = Long.MIN_VALUE;
    tDelta = 0;
    vBits = 0;
    leading = 0;
    trailing = 0;
  }

  /** Number of samples the chunk header announces. */
  public int numSamples() {
    return total;
  }

  /** Advances to the next sample; false when the chunk is exhausted. */
  public boolean next() {
    if (read >= total) {
      return false;
    }
    if (read == 0) {
      t = readVarint();
      vBits = readBits(64);
    } else if (read == 1) {
      tDelta = readUvarint();
      t += tDelta;
      readValue();
    } else {
      long dod;
      if (readBit() == 0) {
        dod = 0;
      } else if (readBit() == 0) {
        dod = signed(readBits(14), 14);
      } else if (readBit() == 0) {
        dod = signed(readBits(17), 17);
      } else if (readBit() == 0) {
        dod = signed(readBits(20), 20);
      } else {
        dod = readBits(64);
      }
      tDelta += dod;
      t += tDelta;
      readValue();
    }
    read++;
    return true;
  }

  /**
   * Advances to the first sample with timestamp at or after {@code target}; stays put if the current
   * sample already qualifies. False when no such sample exists.
   */
  public boolean seek(long target) {
    if (read > 0 && t >= target) {
      return true;
    }
    while (next()) {
      if (t >= target) {
        return true;
      }
    }
    return false;
  }

  /** Timestamp of the current sample. */
  public long atT() {
    return t;
  }

  /** Value of the current sample (raw bits preserved, including the stale marker). */
  public double atV() {
    return Double.longBitsToDouble(vBits);
  }

  /** Raw bits of the current value. */
  public long atVBits() {
    return vBits;
  }

  private static long signed(long bits, int n) {
    if (bits > (1L << (n - 1))) {
      bits -= 1L << n;
    }
    return bits;
  }

  private void readValue() {
    if (readBit() == 0) {
      return;
    }
    if (readBit() != 0) {
      leading = (int) readBits(5);
      int sig = (int) readBits(6);
      if (sig == 0) {
        sig = 64;
      }
      trailing = 64 - leading - sig;
      if (trailing < 0) {
        throw new ChunkFormatException("XOR chunk: invalid value window (leading " + leading + ", bits " + sig + ")");
      }
    }
    int sig = 64 - leading - trailing;
    vBits ^= readBits(sig) << trailing;
  }

  private void refill() {
    while (valid <= 56 && bytePos < end) {
      buf = (buf << 8) | (b[bytePos++] & 0xFF);
      valid += 8;
    }
  }

  private int readBit() {
    if (valid == 0) {
      refill();
      if (valid == 0) {
        throw truncated();
      }
    }
    valid--;
    return (int) (buf >>> valid) & 1;
  }

  private long readBits(int n) {
    if (n <= valid) {
      valid -= n;
      return (buf >>> valid) & mask(n);
    }
    refill();
    if (n <= valid) {
      valid -= n;
      return (buf >>> valid) & mask(n);
    }
    // Wider than what one refill holds (only for 64-bit reads): take the rest, refill, take more.
    int first = valid;
    long hi = first == 0 ? 0 : buf & mask(first);
    valid = 0;
    int rest = n - first;
    refill();
    if (rest > valid) {
      throw truncated();
    }
    valid -= rest;
    long lo = (buf >>> valid) & mask(rest);
    return (hi << rest) | lo;
  }

  private static long mask(int n) {
    return n == 64 ? -1L : (1L << n) - 1;
  }

  private long readUvarint() {
    long x = 0;
    int shift = 0;
    for (int i = 0; i < 10; i++) {
      int c = (int) readBits(8);
      if (c < 0x80) {
        return x | ((long) c << shift);
      }
      x |= (long) (c & 0x7F) << shift;
      shift += 7;
    }
    throw new ChunkFormatException("XOR chunk: varint overflows 64 bits");
  }

  private long readVarint() {
    long u = readUvarint();
    return (u >>> 1) ^ -(u & 1);
  }

  private ChunkFormatException truncated() {
    return new ChunkFormatException("XOR chunk truncated: header announces " + total + " samples, data ends after "
        + read);
  }
}
