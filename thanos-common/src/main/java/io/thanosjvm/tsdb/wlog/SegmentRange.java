package io.thanosjvm.tsdb.wlog;

/**
 * The first and last segment index present in a WAL directory, both -1 when there is none.
 *
 * @param first the lowest index, or -1
 * @param last the highest index, or -1
 */
public record SegmentRange(int first, int last) {

  /** No segments. */
  public static final SegmentRange EMPTY = new SegmentRange(-1, -1);

  /** Validates the bounds. */
  public SegmentRange {
    if ((first < 0) != (last < 0) || first > last || first < -1) {
      throw new IllegalArgumentException("invalid segment range " + first + ".." + last);
    }
  }

  /** Whether there are no segments. */
  public boolean isEmpty() {
    return first < 0;
  }
}
