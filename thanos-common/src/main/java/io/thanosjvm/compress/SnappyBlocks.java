package io.thanosjvm.compress;

/**
 * Snappy's block format as readers of untrusted input must treat it: the header announces the decoded length, and
 * the decoder allocates that much before it checks the stream. A valid stream cannot expand more than
 * {@link #MAX_EXPANSION} times (its densest element, a 3-byte copy, produces 64 bytes), so a header announcing more
 * is corrupt or hostile, and is refused before anything is allocated.
 */
public final class SnappyBlocks {

  /** The most a valid block-format stream expands: 64 bytes out for a 3-byte copy element, rounded up. */
  public static final int MAX_EXPANSION = 22;

  private SnappyBlocks() {}

  /**
   * Whether {@code compressedLength} bytes of a valid stream could decode to {@code announcedLength} bytes (the
   * header's varint is counted generously).
   */
  public static boolean plausible(long announcedLength, long compressedLength) {
    return announcedLength >= 0 && announcedLength <= compressedLength * MAX_EXPANSION + 64;
  }
}
