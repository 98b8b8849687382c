package io.thanosjvm.tsdb;

import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.TimeRange;
import io.thanosjvm.tsdb.chunks.ChunkReader;
import io.thanosjvm.tsdb.index.ChunkMeta;
import io.thanosjvm.tsdb.index.IndexReader;
import io.thanosjvm.tsdb.index.SeriesEntry;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * An open block directory: its meta.json, lazy index reader, chunk reader and tombstones. Series are
 * selected by matchers over a time range and returned in label order. Thread-safe for reads.
 */
public final class Block implements Closeable {

  private final Path dir;
  private final TsdbMeta meta;
  private final IndexReader index;
  private final ChunkReader chunks;
  private final Tombstones tombstones;

  private Block(Path dir, TsdbMeta meta, IndexReader index, ChunkReader chunks, Tombstones tombstones) {
    this.dir = dir;
    this.meta = meta;
    this.index = index;
    this.chunks = chunks;
    this.tombstones = tombstones;
  }

  /**
   * Opens a block directory.
   *
   * @throws io.thanosjvm.tsdb.encoding.CorruptBlockException for corrupt files
   * @throws io.thanosjvm.tsdb.InvalidMetaException for a bad meta.json
   */
  public static Block open(Path dir) throws IOException {
    TsdbMeta meta = TsdbMeta.read(dir.resolve(TsdbMeta.FILE_NAME));
    Tombstones ts = Tombstones.read(dir);
    IndexReader index = IndexReader.open(dir.resolve("index"));
    try {
      ChunkReader chunks = ChunkReader.open(dir.resolve("chunks"));
      return new Block(dir, meta, index, chunks, ts);
    } catch (IOException | RuntimeException e) {
      index.close();
      throw e;
    }
  }

  /** The block directory. */
  public Path dir() {
    return dir;
  }

  /** The parsed meta.json. */
  public TsdbMeta meta() {
    return meta;
  }

  /** The index reader. */
  public IndexReader index() {
    return index;
  }

  /** The chunk reader. */
  public ChunkReader chunks() {
    return chunks;
  }

  /** The tombstones. */
  public Tombstones tombstones() {
    return tombstones;
  }

  /** Whether the block's half-open range {@code [minTime, maxTime)} overlaps the closed range. */
  public boolean overlaps(TimeRange range) {
    return meta.minTime() <= range.maxTime() && range.minTime() < meta.maxTime();
  }

  /**
   * Selects the series matching all matchers that have at least one chunk overlapping {@code range},
   * in label order. Series and chunk metas are decoded lazily as the iterator advances.
   */
  public Iterator<BlockSeries> select(TimeRange range, List<Matcher> matchers) {
    int[] refs = overlaps(range) ? MatcherPostings.select(index, matchers) : new int[0];
    return new Iterator<>() {
      private int i;
      private BlockSeries nextSeries;

      @Override
      public boolean hasNext() {
        while (nextSeries == null && i < refs.length) {
          SeriesEntry e = index.series(refs[i++] & 0xFFFFFFFFL);
          List<ChunkMeta> in = new ArrayList<>();
          for (ChunkMeta c : e.chunks()) {
            if (c.maxTime() >= range.minTime() && c.minTime() <= range.maxTime()) {
              in.add(c);
            }
          }
          if (!in.isEmpty()) {
            List<Tombstones.Interval> del = tombstones.get(e.ref());
            nextSeries = new BlockSeries(e.labels(), in,
                aggr -> new ChunkSeriesIterator(chunks, in, range.minTime(), range.maxTime(), del, aggr));
          }
        }
        return nextSeries != null;
      }

      @Override
      public BlockSeries next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        BlockSeries s = nextSeries;
        nextSeries = null;
        return s;
      }
    };
  }

  @Override
  public void close() throws IOException {
    try {
      index.close();
    } finally {
      chunks.close();
    }
  }
}
