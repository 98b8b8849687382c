package io.thanosjvm.compact.downsample;

import io.thanosjvm.tsdb.chunkenc.AggrChunk;
import io.thanosjvm.tsdb.chunkenc.AggrType;
import io.thanosjvm.tsdb.chunkenc.XorChunkWriter;

/**
 * Collects the five XOR sub-chunks of one aggregate chunk and its time range; reusable via
 * {@link #reset()}. An aggregate that was never enabled is written as absent.
 */
final class AggrChunkBuilder {

  private final XorChunkWriter[] writers = new XorChunkWriter[5];
  private final boolean[] present = new boolean[5];
  private long minT;
  private long maxT;

  AggrChunkBuilder() {
    for (int i = 0; i < 5; i++) {
      writers[i] = new XorChunkWriter();
    }
    reset();
  }

  /** Empties all sub-chunks and marks them absent. */
  void reset() {
    for (int i = 0; i < 5; i++) {
      writers[i].reset();
      present[i] = false;
    }
    minT = Long.MAX_VALUE;
    maxT = Long.MIN_VALUE;
  }

  /** Marks an aggregate present (possibly still empty). */
  void enable(AggrType type) {
    present[type.ordinal()] = true;
  }

  /** Appends a sample to one aggregate without touching the chunk's time range. */
  void append(AggrType type, long t, double v) {
    writers[type.ordinal()].append(t, v);
  }

  /** Widens the chunk's time range to include a window timestamp. */
  void cover(long t) {
    minT = Math.min(minT, t);
    maxT = Math.max(maxT, t);
  }

  /** Appends one window of all five aggregates from {@code a}. */
  void addWindow(long t, WindowAggregator a) {
    cover(t);
    writers[AggrType.SUM.ordinal()].append(t, a.sum);
    writers[AggrType.MIN.ordinal()].append(t, a.min);
    writers[AggrType.MAX.ordinal()].append(t, a.max);
    writers[AggrType.COUNT.ordinal()].append(t, a.count);
    writers[AggrType.COUNTER.ordinal()].append(t, a.counter);
  }

  /** Whether any window was added. */
  boolean hasWindows() {
    return minT <= maxT;
  }

  /** Encodes the aggregate chunk. */
  DownsampledChunk encode() {
    byte[][] parts = new byte[5][];
    for (int i = 0; i < 5; i++) {
      parts[i] = present[i] ? writers[i].bytes() : null;
    }
    byte[] data = AggrChunk.encodeXor(parts[0], parts[1], parts[2], parts[3], parts[4]);
    return new DownsampledChunk(minT, maxT, data);
  }
}
