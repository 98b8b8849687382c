package io.thanosjvm.store.bucket;

import java.util.ArrayList;
import java.util.List;

/**
 * Merges byte ranges wanted from one object into fewer range reads: neighbours closer than a maximum gap are
 * read together (Thanos' partitioner, gap 512 KiB by default), trading a few unneeded bytes for round trips.
 */
public final class ByteRanges {

  /** Default largest gap of unneeded bytes read to join two ranges. */
  public static final long DEFAULT_MAX_GAP = 512 << 10;

  /**
   * One read covering input ranges {@code [first, last)}.
   *
   * @param start first byte to read
   * @param end one past the last byte to read
   * @param first index of the first input range covered
   * @param last one past the index of the last input range covered
   */
  public record Part(long start, long end, int first, int last) {

    /** Validates the bounds. */
    public Part {
      if (start < 0 || end < start || first < 0 || last <= first) {
        throw new IllegalArgumentException("invalid part " + start + ".." + end + " [" + first + "," + last + ")");
      }
    }

    /** Number of bytes to read. */
    public long length() {
      return end - start;
    }
  }

  private ByteRanges() {}

  /**
   * Partitions ranges {@code [starts[i], ends[i])}, sorted by start, into reads.
   *
   * @throws IllegalArgumentException when the ranges are not sorted by start
   */
  public static List<Part> partition(long[] starts, long[] ends, int count, long maxGap) {
    List<Part> parts = new ArrayList<>();
    int i = 0;
    while (i < count) {
      long start = starts[i];
      long end = ends[i];
      int first = i++;
      while (i < count && starts[i] <= end + maxGap) {
        if (starts[i] < starts[i - 1]) {
          throw new IllegalArgumentException("ranges not sorted by start at " + i);
        }
        end = Math.max(end, ends[i]);
        i++;
      }
      if (i < count && starts[i] < starts[i - 1]) {
        throw new IllegalArgumentException("ranges not sorted by start at " + i);
      }
      parts.add(new Part(start, end, first, i));
    }
    return parts;
  }
}
