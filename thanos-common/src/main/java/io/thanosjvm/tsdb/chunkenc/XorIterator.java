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
      int used;
      switch (ones) {
        case 1 -> {
          used = 16;
          dod = signed((w << 2) >>> 50, 14);
        }
        case 2 -> {
          used = 20;
          dod = signed((w << 3) >>> 47, 17);
        }
        case 3 -> {
          used = 24;
          dod = signed((w << 4) >>> 44, 20);
        }
        default -> {
          used = 0;
          consume(4);
          dod = readBits(64);
        }
      }
      tDelta += dod;
      t += tDelta;
      if (used == 0) {
        readValue();
      } else {
        // the value usually follows within the same 64-bit window (57 meaningful bits)
        consume(used);
        if (!readValueFrom(w << used, 57 - used)) {
          readValue();
        }
      }
    }
    if (pos > endBits) {
      throw truncated();
    }
    read++;
    return true;
  }

  /**
   * Decodes every remaining sample into {@code ts}/{@code vs} from index {@code off} (the bulk path: the decoder
   * state lives in locals, so this is faster than {@link #next()} per sample). The arrays must have room for
   * {@code numSamples()} samples from {@code off}; afterwards the iterator is exhausted and positioned on the last
   * sample.
   *
   * @return the number of samples written
   * @throws ChunkFormatException when the chunk is truncated or malformed
   */
  public int decodeAll(long[] ts, double[] vs, int off) {
    if (ts.length - off < total - read || vs.length - off < total - read) {
      throw new IllegalArgumentException("arrays too small for " + (total - read) + " samples from " + off);
    }
    int n = 0;
    while (read < 2 && read < total) {
      next();
      ts[off + n] = t;
      vs[off + n] = Double.longBitsToDouble(vBits);
      n++;
    }
    final byte[] buf = b;
    final int lim = end;
    long p = pos;
    long time = t;
    long delta = tDelta;
    long bits = vBits;
    int lead = leading;
    int trail = trailing;
    for (int i = read; i < total; i++) {
      long w = word(buf, lim, p);
      int used;
      if (w >= 0) {
        used = 1;
      } else {
        int ones = Long.numberOfLeadingZeros(~w);
        if (ones == 1) {
          used = 16;
          delta += signed((w << 2) >>> 50, 14);
        } else if (ones == 2) {
          used = 20;
          delta += signed((w << 3) >>> 47, 17);
        } else if (ones == 3) {
          used = 24;
          delta += signed((w << 4) >>> 44, 20);
        } else {
          pos = p + 4;
          delta += readBits(64);
          p = pos;
          used = 0;
          w = word(buf, lim, p);
        }
      }
      time += delta;
      // value: control bits at the top of v, which holds `avail` meaningful bits
      long v = w << used;
      int avail = 57 - used;
      if (v >= 0) {
        p += used + 1;
      } else if ((v << 1) >= 0) {
        int sig = 64 - lead - trail;
        if (2 + sig <= avail) {
          p += used + 2 + sig;
          bits ^= ((v << 2) >>> (64 - sig)) << trail;
        } else {
          pos = p + used + 2;
          bits ^= readBits(sig) << trail;
          p = pos;
        }
      } else {
        int nl = (int) ((v << 2) >>> 59);
        int sig = (int) ((v << 7) >>> 58);
        if (sig == 0) {
          sig = 64;
        }
        if (nl + sig > 64) {
          throw new ChunkFormatException("XOR chunk: invalid value window (leading " + nl + ", bits " + sig + ")");
        }
        lead = nl;
        trail = 64 - nl - sig;
        if (13 + sig <= avail) {
          p += used + 13 + sig;
          bits ^= ((v << 13) >>> (64 - sig)) << trail;
        } else {
          pos = p + used + 13;
          bits ^= readBits(sig) << trail;
          p = pos;
        }
      }
      if (p > endBits) {
        pos = p;
        read = i;
        throw truncated();
      }
      ts[off + n] = time;
      vs[off + n] = Double.longBitsToDouble(bits);
      n++;
    }
    pos = p;
    t = time;
    tDelta = delta;
    vBits = bits;
    leading = lead;
    trailing = trail;
    read = total;
    return n;
  }

  /** 64 bits of {@code buf} starting at bit {@code pos} (at least 57 meaningful; zero beyond {@code lim}). */
  private static long word(byte[] buf, int lim, long pos) {
    int idx = (int) (pos >>> 3);
    long w;
    if (idx + 8 <= lim) {
      w = (long) BE_LONG.get(buf, idx);
    } else {
      w = 0;
      for (int i = 0; i < 8; i++) {
        w = (w << 8) | (idx + i < lim ? buf[idx + i] & 0xFF : 0);
      }
    }
    return w << (pos & 7);
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
      return false;
    }
    int lead = (int) ((w << 2) >>> 59);
    int sig = (int) ((w << 7) >>> 58);
    if (sig == 0 || 13 + sig > avail || lead + sig > 64) {
      return false; // rare or invalid windows: readValue() decodes or rejects them
    }
    leading = lead;
    trailing = 64 - lead - sig;
    consume(13 + sig);
    vBits ^= ((w << 13) >>> (64 - sig)) << trailing;
    return true;
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
    if (sig == 0) {
      sig = 64;
    }
    trailing = 64 - leading - sig;
    if (trailing < 0) {
      throw new ChunkFormatException("XOR chunk: invalid value window (leading " + leading + ", bits " + sig + ")");
    }
    if (13 + sig <= 57) {
      consume(13 + sig);
      vBits ^= ((w << 13) >>> (64 - sig)) << trailing;
    } else {
      consume(13);
      vBits ^= readBits(sig) << trailing;
    }
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
