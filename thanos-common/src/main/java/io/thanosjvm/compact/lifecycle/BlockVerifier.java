package io.thanosjvm.compact.lifecycle;

import io.thanosjvm.block.InvalidBlockException;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.model.Labels;
import io.thanosjvm.tsdb.chunks.ChunkReader;
import io.thanosjvm.tsdb.index.ChunkMeta;
import io.thanosjvm.tsdb.index.IndexReader;
import io.thanosjvm.tsdb.index.SeriesEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a local block the way the compactor's index health check does before uploading a result: meta.json
 * parses, the index opens, series come in strictly ascending label order, every series has chunks, chunks of
 * a series are ordered and do not overlap, every chunk lies inside the block's time range and every chunk can be
 * read back (its CRC matches). Reads the whole block once, series by series.
 */
public final class BlockVerifier {

  /** The problem text of an index with out-of-order or overlapping chunks (Thanos' skippable unhealthy index). */
  public static final String OUT_OF_ORDER_CHUNKS = "out-of-order or overlapping chunks";

  private BlockVerifier() {}

  /**
   * Verifies the block in {@code dir}.
   *
   * @return its meta.json
   * @throws InvalidBlockException naming the block and the first problem found
   */
  public static BlockMeta verify(Path dir) throws IOException {
    BlockMeta meta;
    try {
      meta = BlockMeta.read(dir.resolve(BlockMeta.FILE_NAME));
    } catch (IOException | RuntimeException e) {
      throw new InvalidBlockException(dir.toString(), "unreadable meta.json: " + e.getMessage(), e);
    }
    try (IndexReader index = IndexReader.open(dir.resolve("index"));
        ChunkReader chunks = ChunkReader.open(dir.resolve("chunks"))) {
      Labels previous = null;
      for (int ref : index.allPostings()) {
        SeriesEntry s = index.series(ref & 0xFFFFFFFFL);
        if (previous != null && previous.compareTo(s.labels()) >= 0) {
          throw new InvalidBlockException(dir.toString(), "series out of order: " + s.labels() + " after " + previous);
        }
        previous = s.labels();
        checkChunks(dir, meta, s, chunks);
      }
    } catch (InvalidBlockException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidBlockException(dir.toString(), "corrupt index or chunks: " + e.getMessage(), e);
    }
    return meta;
  }

  private static void checkChunks(Path dir, BlockMeta meta, SeriesEntry s, ChunkReader chunks) {
    List<ChunkMeta> cs = s.chunks();
    if (cs.isEmpty()) {
      throw new InvalidBlockException(dir.toString(), "series without chunks: " + s.labels());
    }
    for (int i = 0; i < cs.size(); i++) {
      ChunkMeta c = cs.get(i);
      if (c.minTime() > c.maxTime()) {
        throw new InvalidBlockException(dir.toString(), "chunk with min time after max time in " + s.labels());
      }
      if (c.minTime() < meta.minTime() || c.maxTime() > meta.maxTime()) {
        throw new InvalidBlockException(dir.toString(), "chunk [" + c.minTime() + ", " + c.maxTime()
            + "] of " + s.labels() + " outside the block range [" + meta.minTime() + ", " + meta.maxTime() + ")");
      }
      if (i > 0 && cs.get(i - 1).maxTime() >= c.minTime()) {
        throw new InvalidBlockException(dir.toString(), OUT_OF_ORDER_CHUNKS + " in " + s.labels());
      }
      chunks.read(c.ref());
    }
  }
}
