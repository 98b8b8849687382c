package io.thanosjvm.tsdb.chunkenc;

import io.thanosjvm.tsdb.encoding.Varints;
import java.io.ByteArrayOutputStream;

/**
 * A Thanos aggregate chunk (encoding byte 0xFF): five entries in the order of {@link AggrType}, each a
 * uvarint length {@code L} followed, when {@code L > 0}, by one sub-chunk encoding byte and {@code L}
 * bytes of sub-chunk data. {@code L = 0} means the aggregate is absent.
 *
 * <p>Decoding is eager over the five small headers and keeps offsets into the caller's array.
 */
public final class AggrChunk {

  private final byte[] data;
  private final int[] encodings = new int[5];
  private final int[] offsets = new int[5];
  private final int[] lengths = new int[5];

  private AggrChunk(byte[] data) {
    this.data = data;
  }

  /**
   * Parses an aggregate chunk's data (without the 0xFF encoding byte).
   *
   * @throws ChunkFormatException when an entry's size does not fit the data
   */
  public static AggrChunk parse(byte[] data, int off, int len) {
    AggrChunk c = new AggrChunk(data);
    int pos = off;
    int end = off + len;
    for (int i = 0; i < 5; i++) {
      if (pos >= end) {
        // Absent trailing entries are allowed when the data ends.
        c.lengths[i] = 0;
        continue;
      }
      long l = 0;
      int shift = 0;
      while (true) {
        if (pos >= end || shift > 63) {
          throw new ChunkFormatException("aggregate chunk: invalid size of entry " + AggrType.values()[i]);
        }
        int x = data[pos++] & 0xFF;
        l |= (long) (x & 0x7F) << shift;
        shift += 7;
        if (x < 0x80) {
          break;
        }
      }
      if (l == 0) {
        continue;
      }
      if (l < 0 || l > end - pos - 1) {
        throw new ChunkFormatException("aggregate chunk: invalid size " + l + " of entry " + AggrType.values()[i]
            + " (" + (end - pos) + " bytes left)");
      }
      c.encodings[i] = data[pos] & 0xFF;
      c.offsets[i] = pos + 1;
      c.lengths[i] = (int) l;
      pos += 1 + (int) l;
    }
    return c;
  }

  /** Whether the aggregate is present. */
  public boolean has(AggrType type) {
    return lengths[type.ordinal()] > 0;
  }

  /** Encoding byte of the aggregate's sub-chunk. */
  public int encoding(AggrType type) {
    return encodings[type.ordinal()];
  }

  /** A copy of the aggregate's sub-chunk data, or null when absent. */
  public byte[] bytes(AggrType type) {
    int i = type.ordinal();
    if (lengths[i] == 0) {
      return null;
    }
    byte[] out = new byte[lengths[i]];
    System.arraycopy(data, offsets[i], out, 0, lengths[i]);
    return out;
  }

  /**
   * Points {@code it} at the XOR sub-chunk of an aggregate.
   *
   * @throws ChunkFormatException when the aggregate is absent or not XOR encoded
   */
  public void iterator(AggrType type, XorIterator it) {
    int i = type.ordinal();
    if (lengths[i] == 0) {
      throw new ChunkFormatException("aggregate chunk: " + type + " not present");
    }
    if (encodings[i] != ChunkEncoding.XOR) {
      throw new ChunkFormatException("aggregate chunk: " + type + " has encoding "
          + ChunkEncoding.name(encodings[i]) + ", not XOR");
    }
    it.reset(data, offsets[i], lengths[i]);
  }

  /**
   * Encodes an aggregate chunk's data (without the 0xFF encoding byte) from five XOR sub-chunks in
   * {@link AggrType} order; a null entry is written as absent.
   */
  public static byte[] encodeXor(byte[] count, byte[] sum, byte[] min, byte[] max, byte[] counter) {
    byte[][] parts = {count, sum, min, max, counter};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] tmp = new byte[Varints.MAX_LEN];
    for (byte[] p : parts) {
      int n = Varints.putUvarint(tmp, 0, p == null ? 0 : p.length);
      out.write(tmp, 0, n);
      if (p != null && p.length > 0) {
        out.write(ChunkEncoding.XOR);
        out.write(p, 0, p.length);
      }
    }
    return out.toByteArray();
  }
}
