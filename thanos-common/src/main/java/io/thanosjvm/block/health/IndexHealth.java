package io.thanosjvm.block.health;

import io.thanosjvm.model.Labels;
import io.thanosjvm.tsdb.index.ChunkMeta;
import io.thanosjvm.tsdb.index.IndexReader;
import io.thanosjvm.tsdb.index.TolerantSeries;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Gathers an index's {@link IndexHealthStats} as Thanos' {@code GatherIndexHealthStats} does: one pass over all
 * series in postings order reading only the index (no chunk data), counting out-of-order label sets, chunks
 * outside {@code [minTime, maxTime]} (complete outsiders and prometheus/tsdb#347 outsiders apart), chunks
 * duplicating their predecessor's time range and chunks out of order.
 */
public final class IndexHealth {

  private IndexHealth() {}

  /**
   * Gathers the stats of the index file {@code index} of a block covering {@code [minTime, maxTime]}.
   *
   * @throws IndexHealthException when series are out of order or a series has no labels or no chunks
   * @throws io.thanosjvm.tsdb.encoding.CorruptBlockException when the index cannot be decoded
   */
  public static IndexHealthStats gather(Path index, long minTime, long maxTime)
      throws IOException, IndexHealthException {
    long total = 0;
    int oooSeries = 0;
    int oooChunks = 0;
    int dupChunks = 0;
    int outside = 0;
    int completeOutside = 0;
    int issue347 = 0;
    int oooLabels = 0;
    try (IndexReader r = IndexReader.open(index)) {
      Labels last = null;
      for (int ref : r.allPostings()) {
        total++;
        TolerantSeries ts = r.seriesTolerant(ref & 0xFFFFFFFFL);
        Labels lset = ts.series().labels();
        if (lset.isEmpty()) {
          throw new IndexHealthException("empty label set detected for series " + (ref & 0xFFFFFFFFL));
        }
        if (last != null && last.compareTo(lset) >= 0) {
          throw new IndexHealthException("series " + lset + " out of order; previous " + last);
        }
        last = lset;
        if (ts.labelsOutOfOrder()) {
          oooLabels++;
        }
        List<ChunkMeta> chks = ts.series().chunks();
        if (chks.isEmpty()) {
          throw new IndexHealthException("empty chunks for series " + (ref & 0xFFFFFFFFL));
        }
        int ooo = 0;
        for (int i = 0; i < chks.size(); i++) {
          ChunkMeta c = chks.get(i);
          if (c.minTime() < minTime || c.maxTime() > maxTime) {
            outside++;
            if (c.minTime() > maxTime || c.maxTime() < minTime) {
              completeOutside++;
            } else if (c.minTime() == maxTime) {
              issue347++;
            }
          }
          if (i == 0) {
            continue;
          }
          ChunkMeta c0 = chks.get(i - 1);
          if (c.minTime() > c0.maxTime()) {
            continue;
          }
          if (c.minTime() == c0.minTime() && c.maxTime() == c0.maxTime()) {
            dupChunks++;
            continue;
          }
          ooo++;
        }
        if (ooo > 0) {
          oooSeries++;
          oooChunks += ooo;
        }
      }
    }
    return new IndexHealthStats(total, oooSeries, oooChunks, dupChunks, outside, completeOutside, issue347,
        oooLabels);
  }
}
