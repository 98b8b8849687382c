package io.thanosjvm.compact.merge;

import io.thanosjvm.tsdb.SampleIterator;
import io.thanosjvm.tsdb.Tombstones;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * The samples of some XOR chunks of one input block's series, in time order, without the deleted (tombstoned)
 * intervals and the samples outside the output block's range. Timestamps must strictly increase, also across
 * chunks; otherwise the input block is unhealthy and a halt is thrown.
 */
final class StreamSamples implements SampleIterator {

  private final InputBlock block;
  private final List<byte[]> chunks = new ArrayList<>();
  private final List<Tombstones.Interval> deleted;
  private final long mint;
  private final long maxt;
  private final XorIterator it = new XorIterator();
  private int nextChunk;
  private boolean inChunk;
  private boolean started;
  private boolean done;
  private long lastT = Long.MIN_VALUE;

  /**
   * Samples of {@code block}'s current series, from chunks added with {@link #addChunk}.
   *
   * @param block the input block (for error messages)
   * @param deleted deleted closed intervals
   * @param mint first kept timestamp
   * @param maxt last kept timestamp
   */
  StreamSamples(InputBlock block, List<Tombstones.Interval> deleted, long mint, long maxt) {
    this.block = block;
    this.deleted = deleted;
    this.mint = mint;
    this.maxt = maxt;
  }

  /** Adds the data of the next XOR chunk (chunks are added in time order before iterating). */
  void addChunk(byte[] xorData) {
    chunks.add(xorData);
  }

  private boolean isDeleted(long t) {
    return t < mint || t > maxt || Tombstones.Interval.covers(deleted, t);
  }

  @Override
  public boolean next() {
    if (done) {
      return false;
    }
    started = true;
    while (true) {
      if (!inChunk) {
        if (nextChunk == chunks.size()) {
          done = true;
          return false;
        }
        byte[] c = chunks.get(nextChunk++);
        it.reset(c, 0, c.length);
        inChunk = true;
      }
      while (it.next()) {
        long t = it.atT();
        if (t <= lastT && lastT != Long.MIN_VALUE) {
          throw block.halt("samples out of order in series " + block.labels() + ": " + t + " after " + lastT);
        }
        lastT = t;
        if (!isDeleted(t)) {
          return true;
        }
      }
      inChunk = false;
    }
  }

  @Override
  public boolean seek(long t) {
    if (started && !done && it.atT() >= t) {
      return true;
    }
    while (next()) {
      if (it.atT() >= t) {
        return true;
      }
    }
    return false;
  }

  @Override
  public long atT() {
    return it.atT();
  }

  @Override
  public double atV() {
    return it.atV();
  }
}
