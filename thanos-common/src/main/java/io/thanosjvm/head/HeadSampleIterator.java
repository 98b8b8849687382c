package io.thanosjvm.head;

import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.tsdb.Tombstones;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import java.util.List;

/** Samples of a head series' chunk snapshot within [mint, maxt], skipping deleted intervals. */
final class HeadSampleIterator implements SampleIterator {

  private final MemSeries.ChunkSnapshot chunks;
  private final long mint;
  private final long maxt;
  private final List<Tombstones.Interval> deleted;
  private final XorIterator it = new XorIterator();
  private int next;
  private boolean inChunk;
  private boolean done;

  HeadSampleIterator(MemSeries.ChunkSnapshot chunks, long mint, long maxt, List<Tombstones.Interval> deleted) {
    this.chunks = chunks;
    this.mint = mint;
    this.maxt = maxt;
    this.deleted = deleted;
  }

  @Override
  public boolean next() {
    if (done) {
      return false;
    }
    while (true) {
      if (!inChunk) {
        if (next == chunks.n()) {
          done = true;
          return false;
        }
        byte[] c = chunks.data()[next++];
        it.reset(c, 0, c.length);
        inChunk = true;
      }
      while (it.next()) {
        long t = it.atT();
        if (t > maxt) {
          done = true;
          return false;
        }
        if (t >= mint && (deleted.isEmpty() || !Tombstones.Interval.covers(deleted, t))) {
          return true;
        }
      }
      inChunk = false;
    }
  }

  @Override
  public boolean seek(long t) {
    if (inChunk && !done && it.atT() >= t && it.atT() >= mint) {
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
