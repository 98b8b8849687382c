package io.thanosjvm.tsdb;

import io.thanosjvm.model.SampleIterator;
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
 * (tombstoned) intervals. Chunks are read lazily, one at a time, from a {@link ChunkSource}. The block
 * querier reads them from the block's chunk files; the compactor hands in chunks it has already loaded and
 * asks for {@link #checkingOrder strict order checking}, under which every sample of every chunk is read (none
 * skipped by range) so that timestamps going back in time are reported.
 */
public final class ChunkSeriesIterator implements SampleIterator {

  /** Where the chunks of the series come from. */
  @FunctionalInterface
  public interface ChunkSource {

    /** The chunk of {@code meta}, the {@code index}-th of the iterated chunks. */
    Chunk read(int index, ChunkMeta meta);
  }

  /** Builds the error for a timestamp that is not after the previous one. */
  @FunctionalInterface
  public interface OrderViolation {

    /** The exception to throw for sample time {@code t} read after {@code previous}. */
    RuntimeException at(long t, long previous);
  }

  private final ChunkSource reader;
  private final List<ChunkMeta> chunks;
  private final long mint;
  private final long maxt;
  private final List<Tombstones.Interval> deleted;
  private final AggrType aggregate;
  private final XorIterator it = new XorIterator();
  private int next;
  private boolean inChunk;
  private boolean done;
  private OrderViolation orderViolation;
  private long lastT = Long.MIN_VALUE;

  ChunkSeriesIterator(ChunkReader reader, List<ChunkMeta> chunks, long mint, long maxt,
      List<Tombstones.Interval> deleted, AggrType aggregate) {
    this((i, m) -> reader.read(m.ref()), chunks, mint, maxt, deleted, aggregate);
  }

  /**
   * The samples of the given chunks within the closed range [mint, maxt], without the deleted intervals.
   *
   * @param reader reads each chunk when the iteration reaches it
   * @param chunks the series' chunk metas in time order
   * @param deleted deleted closed intervals (tombstones)
   * @param aggregate which aggregate of a downsampled (AGGR) chunk to iterate, or null for float chunks only
   */
  public ChunkSeriesIterator(ChunkSource reader, List<ChunkMeta> chunks, long mint, long maxt,
      List<Tombstones.Interval> deleted, AggrType aggregate) {
    this.aggregate = aggregate;
    this.reader = reader;
    this.chunks = chunks;
    this.mint = mint;
    this.maxt = maxt;
    this.deleted = deleted;
  }

  /**
   * Strict order checking: samples must strictly increase in time within and across chunks, else {@code
   * violation} is thrown; every sample is read (out-of-range ones are skipped, not a reason to stop).
   */
  public ChunkSeriesIterator checkingOrder(OrderViolation violation) {
    this.orderViolation = violation;
    return this;
  }

  private boolean openNextChunk() {
    while (next < chunks.size()) {
      int index = next++;
      ChunkMeta m = chunks.get(index);
      if (orderViolation == null && (m.maxTime() < mint || m.minTime() > maxt)) {
        continue;
      }
      Chunk c = reader.read(index, m);
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
        if (orderViolation != null) {
          if (t <= lastT && lastT != Long.MIN_VALUE) {
            throw orderViolation.at(t, lastT);
          }
          lastT = t;
        } else if (t > maxt) {
          done = true;
          return false;
        }
        if (t >= mint && t <= maxt && (deleted.isEmpty() || !Tombstones.Interval.covers(deleted, t))) {
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
