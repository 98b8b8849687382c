package io.thanosjvm.tsdb.index;

/**
 * The index's description of one chunk of a series.
 *
 * @param minTime first sample time in the chunk (inclusive)
 * @param maxTime last sample time in the chunk (inclusive)
 * @param ref chunk reference into the segment files
 */
public record ChunkMeta(long minTime, long maxTime, long ref) {

  /** Validates {@code minTime <= maxTime}. */
  public ChunkMeta {
    if (minTime > maxTime) {
      throw new IllegalArgumentException("chunk minTime " + minTime + " after maxTime " + maxTime);
    }
  }
}
