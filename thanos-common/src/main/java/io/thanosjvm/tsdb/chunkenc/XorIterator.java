package io.thanosjvm.tsdb.chunkenc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Iterates the samples of an XOR chunk. Reusable: {@link #reset(byte[], int, int)} points it at new
 * chunk data without allocating. Samples are decoded in batches of up to {@value #BATCH} into two small primitive
 * arrays by a loop that keeps the decoder state in locals, and {@link #next()} walks those arrays; callers that want
 * every sample take them straight into their own arrays with {@link #decodeAll}. Bits are read through 64-bit
 * big-endian word loads at a bit position; every field read is bounds checked, so a truncated stream throws
 * {@link ChunkFormatException} (at the latest when the batch holding the first missing sample is decoded) and
 * never yields garbage samples.
 *
 * <pre>{@code
 * XorIterator it = new XorIterator();
 * it.reset(data, 0, data.length);
 * while (it.next()) { use(it.atT(), it.atV()); }
 * }</pre>
 */
public final class XorIterator {

  /** Samples decoded at a time for {@link #next()}. */
  static final int BATCH = 64;

  private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private byte[] b;
  private int end;
  private long pos;
  private long endBits;

  // decoder state: the last decoded sample
  private int total;
  private int read;
  private long t;
  private long tDelta;
  private long vBits;
  private int leading;
  private int trailing;

  // consumer state: decoded samples not yet handed out, and the current one
  private long[] bufT;
  private double[] bufV;
  private int bufN;
  private int bufPos;
  private boolean hasCurrent;
  private long curT;
  private long curBits;

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
    bufN = 0;
    bufPos = 0;
    hasCurrent = false;
  }

  /** Number of samples the chunk header announces. */
  public int numSamples() {
    return total;
  }

  /** 64 bits starting at the current bit position (at least 57 meaningful; zero beyond the data). */
  private long peek() {
    return word(b, end, pos);
  }

  private long readBits(int n) {
    if (n <= 56) {
      long w = peek();
      pos += n;
      return w >>> (64 - n);
    }
    long hi = readBits(n - 32);
    return (hi << 32) | readBits(32);
  }

  /** Advances to the next sample; false when the chunk is exhausted. */
  public boolean next() {
    if (bufPos == bufN) {
      if (read >= total) {
        return false;
      }
      if (bufT == null) {
        bufT = new long[BATCH];
        bufV = new double[BATCH];
      }
      bufN = decode(bufT, bufV, 0, BATCH);
      bufPos = 0;
    }
    curT = bufT[bufPos];
    curBits = Double.doubleToRawLongBits(bufV[bufPos]);
    bufPos++;
    hasCurrent = true;
    return true;
  }

  /**
   * Decodes every remaining sample into {@code ts}/{@code vs} from index {@code off}. The arrays must have room for
   * the samples not yet returned by {@link #next()}; afterwards the iterator is exhausted and positioned on the last
   * sample.
   *
   * @return the number of samples written
   * @throws ChunkFormatException when the chunk is truncated or malformed
   */
  public int decodeAll(long[] ts, double[] vs, int off) {
    int buffered = bufN - bufPos;
    int remaining = buffered + total - read;
    if (ts.length - off < remaining || vs.length - off < remaining) {
      throw new IllegalArgumentException("arrays too small for " + remaining + " samples from " + off);
    }
    if (buffered > 0) {
      System.arraycopy(bufT, bufPos, ts, off, buffered);
      System.arraycopy(bufV, bufPos, vs, off, buffered);
      bufPos = bufN;
    }
    int n = buffered + decode(ts, vs, off + buffered, total - read);
    if (n > 0) {
      curT = ts[off + n - 1];
      curBits = Double.doubleToRawLongBits(vs[off + n - 1]);
      hasCurrent = true;
    }
    return n;
  }

  /** Decodes the first two samples, whose encodings differ from the rest (varints, a raw value). */
  private void decodeHead() {
    if (read == 0) {
      t = readVarint();
      vBits = readBits(64);
    } else {
      tDelta = readUvarint();
      t += tDelta;
      readValue();
    }
    if (pos > endBits) {
      throw truncated();
    }
    read++;
  }

  /**
   * Decodes up to {@code max} further samples into the arrays from {@code off}; the decoder state lives in locals
   * inside the loop and is written back once.
   */
  private int decode(long[] ts, double[] vs, int off, int max) {
    int n = 0;
    while (read < 2 && read < total && n < max) {
      decodeHead();
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
    int stop = Math.min(total, read + max - n);
    for (int i = read; i < stop; i++) {
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
    read = stop;
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
    if (hasCurrent && curT >= target) {
      return true;
    }
    while (next()) {
      if (curT >= target) {
        return true;
      }
    }
    return false;
  }

  /** Timestamp of the current sample. */
  public long atT() {
    return curT;
  }

  /** Value of the current sample (raw bits preserved, including the stale marker). */
  public double atV() {
    return Double.longBitsToDouble(curBits);
  }

  /** Raw bits of the current value. */
  public long atVBits() {
    return curBits;
  }

  private static long signed(long bits, int n) {
    if (bits > (1L << (n - 1))) {
      bits -= 1L << n;
    }
    return bits;
  }

  private void readValue() {
    long w = peek();
    if (w >= 0) {
      pos += 1;
      return;
    }
    if ((w << 1) >= 0) {
      int sig = 64 - leading - trailing;
      if (sig <= 54) {
        pos += 2 + sig;
        vBits ^= ((w << 2) >>> (64 - sig)) << trailing;
      } else {
        pos += 2;
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
      pos += 13 + sig;
      vBits ^= ((w << 13) >>> (64 - sig)) << trailing;
    } else {
      pos += 13;
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
