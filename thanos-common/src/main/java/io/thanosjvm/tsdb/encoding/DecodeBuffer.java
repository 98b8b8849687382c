package io.thanosjvm.tsdb.encoding;

/**
 * A bounds-checked cursor over a byte range read from a file. Every read checks the remaining length
 * and throws {@link CorruptBlockException} naming the file and absolute offset instead of reading past
 * the end, so no length read from disk can cause a wrong answer or an oversized allocation.
 */
public final class DecodeBuffer {

  private final String file;
  private final long baseOffset;
  private byte[] b;
  private int pos;
  private int end;

  /**
   * Wraps {@code len} bytes of {@code b} from {@code off}.
   *
   * @param file name used in error messages
   * @param baseOffset file offset of {@code b[off]}, for error messages
   */
  public DecodeBuffer(String file, long baseOffset, byte[] b, int off, int len) {
    this.file = file;
    this.baseOffset = baseOffset - off;
    this.b = b;
    this.pos = off;
    this.end = off + len;
  }

  /** The absolute file offset of the next byte. */
  public long fileOffset() {
    return baseOffset + pos;
  }

  /** The position in the backing array. */
  public int position() {
    return pos;
  }

  /** Bytes left. */
  public int remaining() {
    return end - pos;
  }

  /** The backing array. */
  public byte[] array() {
    return b;
  }

  /** Skips {@code n} bytes. */
  public void skip(int n) {
    need(n);
    pos += n;
  }

  /** A corrupt-data exception at the current offset. */
  public CorruptBlockException corrupt(String message) {
    return new CorruptBlockException(file, fileOffset(), message);
  }

  private void need(int n) {
    if (n < 0 || end - pos < n) {
      throw corrupt("unexpected end of data: need " + n + " bytes, " + (end - pos) + " left");
    }
  }

  /** Reads one unsigned byte. */
  public int u8() {
    need(1);
    return b[pos++] & 0xFF;
  }

  /** Reads a big-endian 32-bit integer. */
  public int be32() {
    need(4);
    int v = ((b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8)
        | (b[pos + 3] & 0xFF);
    pos += 4;
    return v;
  }

  /** Reads a big-endian 64-bit integer. */
  public long be64() {
    long hi = be32() & 0xFFFFFFFFL;
    long lo = be32() & 0xFFFFFFFFL;
    return (hi << 32) | lo;
  }

  /** Reads an unsigned LEB128 value (at most 10 bytes). */
  public long uvarint() {
    long x = 0;
    int shift = 0;
    for (int i = 0; i < Varints.MAX_LEN; i++) {
      if (pos >= end) {
        throw corrupt("unexpected end of data in uvarint");
      }
      int c = b[pos++] & 0xFF;
      if (c < 0x80) {
        if (i == 9 && c > 1) {
          throw corrupt("uvarint overflows 64 bits");
        }
        return x | ((long) c << shift);
      }
      x |= (long) (c & 0x7F) << shift;
      shift += 7;
    }
    throw corrupt("uvarint overflows 64 bits");
  }

  /** Reads a zig-zag varint. */
  public long varint() {
    long u = uvarint();
    return (u >>> 1) ^ -(u & 1);
  }

  /** Reads a uvarint that must fit a non-negative int no larger than {@code max}. */
  public int uvarintInt(long max, String what) {
    long v = uvarint();
    if (v < 0 || v > max) {
      throw corrupt(what + " " + Long.toUnsignedString(v) + " out of range (max " + max + ")");
    }
    return (int) v;
  }

  /** Reads a uvarint length followed by that many UTF-8 bytes. */
  public String uvarintString() {
    int n = uvarintInt(Integer.MAX_VALUE, "string length");
    need(n); // checked after the length is read: the bytes left then are what the string may span
    String s = new String(b, pos, n, java.nio.charset.StandardCharsets.UTF_8);
    pos += n;
    return s;
  }

  /** Reads a uvarint length and returns the start position of that many bytes, skipping them. */
  public int uvarintBytesStart() {
    int n = uvarintInt(Integer.MAX_VALUE, "byte string length");
    need(n);
    int start = pos;
    pos += n;
    return start;
  }
}
