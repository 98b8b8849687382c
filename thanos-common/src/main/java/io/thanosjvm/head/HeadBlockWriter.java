package io.thanosjvm.head;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.tsdb.Tombstones;
import io.thanosjvm.tsdb.chunkenc.ChunkEncoding;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import io.thanosjvm.tsdb.chunks.Chunk;
import io.thanosjvm.tsdb.index.ChunkMeta;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Writes the head's samples in [mint, maxt) as one block with {@link BlockWriter}, as Prometheus' head compaction
 * does: head chunks never cross an aligned chunk-range boundary, so they are copied byte for byte; a series with
 * deleted intervals or a chunk straddling the range is re-encoded from its samples in range.
 */
final class HeadBlockWriter {

  private HeadBlockWriter() {}

  /**
   * Writes the block; empty when the range holds no sample (no block is written then, as in Prometheus).
   *
   * @param maxt exclusive
   */
  static Optional<BlockMeta> write(Head head, Path dir, String ulid, long mint, long maxt, ThanosMeta thanos)
      throws IOException {
    List<RefSeries> series = new ArrayList<>(head.series());
    series.sort(Comparator.comparing(RefSeries::labels));
    BlockWriter w = new BlockWriter(dir, ulid, thanos);
    try {
      long[] ts = new long[256];
      double[] vs = new double[256];
      XorIterator it = new XorIterator();
      for (RefSeries s : series) {
        MemSeries.ChunkSnapshot c = head.chunks(s.ref(), mint, maxt - 1);
        if (c.n() == 0) {
          continue;
        }
        List<Tombstones.Interval> deleted = head.tombstones(s.ref());
        boolean inside = deleted.isEmpty();
        for (int i = 0; i < c.n() && inside; i++) {
          inside = c.times()[2 * i] >= mint && c.times()[2 * i + 1] < maxt;
        }
        if (inside) {
          List<ChunkMeta> metas = new ArrayList<>(c.n());
          List<Chunk> data = new ArrayList<>(c.n());
          for (int i = 0; i < c.n(); i++) {
            metas.add(new ChunkMeta(c.times()[2 * i], c.times()[2 * i + 1], 0));
            data.add(new Chunk(ChunkEncoding.XOR, c.data()[i]));
          }
          w.addSeriesChunks(s.labels(), metas, data);
          continue;
        }
        int n = 0;
        for (int i = 0; i < c.n(); i++) {
          it.reset(c.data()[i], 0, c.data()[i].length);
          while (it.next()) {
            long t = it.atT();
            if (t < mint || t >= maxt || (!deleted.isEmpty() && Tombstones.Interval.covers(deleted, t))) {
              continue;
            }
            if (n == ts.length) {
              ts = Arrays.copyOf(ts, n * 2);
              vs = Arrays.copyOf(vs, n * 2);
            }
            ts[n] = t;
            vs[n] = it.atV();
            n++;
          }
        }
        w.addSeries(s.labels(), ts, vs, n);
      }
      if (w.numSeries() == 0) {
        w.close();
        return Optional.empty();
      }
      return Optional.of(w.commit(mint, maxt));
    } catch (IOException | RuntimeException e) {
      w.close();
      throw e;
    }
  }
}
