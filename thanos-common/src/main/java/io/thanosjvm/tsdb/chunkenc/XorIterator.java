package io.thanosjvm.tsdb.chunkenc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Iterates the samples of an XOR chunk. Reusable: {@link #reset(byte[], int, int)} points it at new
 * chunk data without allocating. Bits are read through 64-bit big-endian word loads at a bit position;
 * every field read is bounds checked, so a truncated stream throws {@link ChunkFormatException} and never
 * yields garbage samples.
 *
 * <pre>{@code
 * XorIterator it = new XorIterator();
 * it.reset(data, 0, data.length);
 * while (it.next()) { use(it.atT(), it.atV()); }
 * }</pre>
 */
public final class XorIterator {

  private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private byte[] b;
  private int end;
  private long pos;
  private long endBits;

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
    pos = 8L * (off + 2);
    end = off + len;
    endBits = 8L * end;
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

  /** 64 bits starting at the current bit position (at least 57 meaningful; zero beyond the data). */
  private long peek() {
    int idx = (int) (pos >>> 3);
    long w;
    if (idx + 8 <= end) {
      w = (long) BE_LONG.get(b, idx);
    } else {
      w = 0;
      for (int i = 0; i < 8; i++) {
        w = (w << 8) | (idx + i < end ? b[idx + i] & 0xFF : 0);
      }
    }
    return w << (pos & 7);
  }

  /** Advances the bit position; {@link #next()} checks the bounds once per sample. */
  private void consume(int n) {
    pos += n;
  }

  private long readBits(int n) {
    if (n <= 56) {
      long w = peek();
      consume(n);
      return w >>> (64 - n);
    }
    long hi = readBits(n - 32);
    return (hi << 32) | readBits(32);
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
      long w = peek();
      if (w >= 0) {
        // dod == 0: decode the value from the same 64-bit window when it fits.
        pos++;
        if (!readValueFrom(w << 1, 56)) {
          readValue();
        }
        if (pos > endBits) {
          throw truncated();
        }
        t += tDelta;
        read++;
        return true;
      }
      int ones = Long.numberOfLeadingZeros(~w);
      long dod;
      switch (ones) {
        case 1 -> {
          consume(16);
          dod = signed((w << 2) >>> 50, 14);
        }
        case 2 -> {
          consume(20);
          dod = signed((w << 3) >>> 47, 17);
        }
        case 3 -> {
          consume(24);
          dod = signed((w << 4) >>> 44, 20);
        }
        default -> {
          consume(4);
          dod = readBits(64);
        }
      }
      tDelta += dod;
      t += tDelta;
      readValue();
    }
    if (pos > endBits) {
      throw truncated();
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

  /**
   * Decodes a value whose bits start at the top of {@code w}, which holds {@code avail} meaningful bits,
   * when the common cases fit; returns false (consuming nothing) otherwise.
   */
  private boolean readValueFrom(long w, int avail) {
    if (w >= 0) {
      consume(1);
      return true;
    }
    if ((w << 1) >= 0) {
      int sig = 64 - leading - trailing;
      if (2 + sig <= avail) {
        consume(2 + sig);
        vBits ^= ((w << 2) >>> (64 - sig)) << trailing;
        return true;
      }
    }
    return false;
  }

  private void readValue() {
    long w = peek();
    if (w >= 0) {
      consume(1);
      return;
    }
    if ((w << 1) >= 0) {
      int sig = 64 - leading - trailing;
      if (sig <= 54) {
        consume(2 + sig);
        vBits ^= ((w << 2) >>> (64 - sig)) << trailing;
      } else {
        consume(2);
        vBits ^= readBits(sig) << trailing;
      }
      return;
    }
    leading = (int) ((w << 2) >>> 59);
    int sig = (int) ((w << 7) >>> 58);
    consume(13);
    if (sig == 0) {
      sig = 64;
    }
    trailing = 64 - leading - sig;
    if (trailing < 0) {
      throw new ChunkFormatException("XOR chunk: invalid value window (leading " + leading + ", bits " + sig + ")");
    }
    vBits ^= readBits(sig) << trailing;
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
