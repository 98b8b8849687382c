package io.thanosjvm.tsdb.chunks;

/** Packing and unpacking of block chunk references: {@code segmentIndex << 32 | byteOffset}. */
public final class ChunkRef {

  private ChunkRef() {}

  /** Packs a reference. */
  public static long of(int segmentIndex, long offset) {
    return ((long) segmentIndex << 32) | (offset & 0xFFFFFFFFL);
  }

  /** The 0-based segment index (file {@code 000001} is 0). */
  public static int segment(long ref) {
    return (int) (ref >>> 32);
  }

  /** The byte offset of the chunk's length field inside its segment. */
  public static long offset(long ref) {
    return ref & 0xFFFFFFFFL;
  }
}
