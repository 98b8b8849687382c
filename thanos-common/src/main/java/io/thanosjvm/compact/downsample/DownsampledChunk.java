package io.thanosjvm.compact.downsample;

import io.thanosjvm.tsdb.chunkenc.AggrChunk;
import java.util.Objects;

/**
 * One encoded aggregate chunk of a downsampled series.
 *
 * @param minTime first window timestamp (as in Thanos, the counter's leading raw sample may be earlier)
 * @param maxTime last window timestamp
 * @param data the aggregate chunk data, without the 0xFF encoding byte
 */
public record DownsampledChunk(long minTime, long maxTime, byte[] data) {

  /** Validates the fields. */
  public DownsampledChunk {
    Objects.requireNonNull(data, "data");
    if (minTime > maxTime) {
      throw new IllegalArgumentException("minTime " + minTime + " after maxTime " + maxTime);
    }
  }

  /** The parsed aggregate chunk. */
  public AggrChunk aggrChunk() {
    return AggrChunk.parse(data, 0, data.length);
  }
}
