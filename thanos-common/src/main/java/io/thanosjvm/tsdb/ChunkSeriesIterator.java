package io.thanosjvm.tsdb;

import io.thanosjvm.tsdb.chunkenc.AggrChunk;
import io.thanosjvm.tsdb.chunkenc.AggrType;
import io.thanosjvm.tsdb.chunkenc.ChunkEncoding;
import io.thanosjvm.tsdb.chunkenc.ChunkFormatException;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import io.thanosjvm.tsdb.chunks.Chunk;
import io.thanosjvm.tsdb.chunks.ChunkReader;
import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import io.thanosjvm.tsdb.index.ChunkMeta;
import java.util.List;

/**
 * Samples of one block series within a closed time range, chunk after chunk, skipping deleted
 * (tombstoned) intervals. Chunks are read lazily, one at a time.
 */
final class ChunkSeriesIterator implements SampleIterator {

  private final ChunkReader reader;
  private final List<ChunkMeta> chunks;
  private final long mint;
  private final long maxt;
  private final List<Tombstones.Interval> deleted;
  private final AggrType aggregate;
  private final XorIterator it = new XorIterator();
  private int next;
  private boolean inChunk;
  private boolean done;

  ChunkSeriesIterator(ChunkReader reader, List<ChunkMeta> chunks, long mint, long maxt,
      List<Tombstones.Interval> deleted, AggrType aggregate) {
    this.aggregate = aggregate;
    this.reader = reader;
    this.chunks = chunks;
    this.mint = mint;
    this.maxt = maxt;
    this.deleted = deleted;
  }

  private boolean openNextChunk() {
    while (next < chunks.size()) {
      ChunkMeta m = chunks.get(next++);
      if (m.maxTime() < mint || m.minTime() > maxt) {
        continue;
      }
      Chunk c = reader.read(m.ref());
      long offset = io.thanosjvm.tsdb.chunks.ChunkRef.offset(m.ref());
      if (c.encoding() == ChunkEncoding.AGGR && aggregate != null) {
        try {
          AggrChunk.parse(c.data(), 0, c.data().length).iterator(aggregate, it);
        } catch (ChunkFormatException e) {
          throw new CorruptBlockException("chunks", offset, e.getMessage());
        }
        return true;
      }
      if (c.encoding() != ChunkEncoding.XOR) {
        throw new CorruptBlockException("chunks", offset, "chunk encoding " + ChunkEncoding.name(c.encoding())
            + " is not supported for float iteration" + (c.encoding() == ChunkEncoding.AGGR
                ? " (a downsampled chunk: iterate one of its aggregates)" : ""));
      }
      it.reset(c.data(), 0, c.data().length);
      return true;
    }
    return false;
  }

  @Override
  public boolean next() {
    if (done) {
      return false;
    }
    while (true) {
      if (!inChunk) {
        if (!openNextChunk()) {
          done = true;
          return false;
        }
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
