package io.thanosjvm.store.bucket;

import io.thanosjvm.store.cache.IndexCache;
import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import io.thanosjvm.tsdb.index.IndexDecoding;
import io.thanosjvm.tsdb.index.IndexFormat;
import io.thanosjvm.tsdb.index.SeriesEntry;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads a block's series entries for sorted references: cache hits first, then merged range reads of the remote
 * index sized by the block's estimated series size, refetching exactly any entry larger than the estimate.
 */
final class BlockSeriesEntries {

  private BlockSeriesEntries() {}

  /** The entries of {@code refs} (ascending), in the same order. */
  static SeriesEntry[] read(BucketBlock block, int[] refs, int from, int to, IndexCache cache, RequestBudget budget)
      throws IOException {
    String id = block.id();
    String indexName = block.object("index");
    int n = to - from;
    SeriesEntry[] out = new SeriesEntry[n];
    long[] wanted = new long[n];
    for (int i = 0; i < n; i++) {
      wanted[i] = refs[from + i] & 0xFFFFFFFFL;
    }
    Map<Long, byte[]> hits = cache.fetchSeries(id, wanted);
    int[] missing = new int[n];
    int nm = 0;
    for (int i = 0; i < n; i++) {
      byte[] b = hits.get(wanted[i]);
      if (b != null) {
        out[i] = IndexDecoding.decodeSeries(indexName, wanted[i], b, 0, b.length, block.header()::symbol);
      } else {
        missing[nm++] = i;
      }
    }
    if (nm == 0) {
      return out;
    }
    long bound = block.header().indexPostingsTableOffset();
    long est = block.estimatedSeriesSize();
    long[] starts = new long[nm];
    long[] ends = new long[nm];
    for (int j = 0; j < nm; j++) {
      starts[j] = wanted[missing[j]] * IndexFormat.SERIES_ALIGNMENT;
      ends[j] = Math.min(starts[j] + est, bound);
      if (starts[j] >= bound) {
        throw new CorruptBlockException(indexName, starts[j], "series reference " + wanted[missing[j]]
            + " beyond the series section");
      }
    }
    for (ByteRanges.Part part : ByteRanges.partition(starts, ends, nm, ByteRanges.DEFAULT_MAX_GAP)) {
      budget.reserveBytes(RequestBudget.Kind.SERIES, part.length());
      byte[] buf = BlockPostings.read(block, indexName, part);
      for (int j = part.first(); j < part.last(); j++) {
        int i = missing[j];
        int off = (int) (starts[j] - part.start());
        int avail = buf.length - off;
        long size = IndexDecoding.seriesEncodedSize(buf, off, avail);
        byte[] b;
        int at;
        if (size >= 0 && size <= avail) {
          b = buf;
          at = off;
        } else {
          // larger than the estimate: read it exactly
          long exact = size >= 0 && size != Long.MAX_VALUE ? size : est;
          if (exact > Integer.MAX_VALUE / 2) {
            throw new CorruptBlockException(indexName, starts[j], "series entry of " + exact + " bytes");
          }
          ByteRanges.Part one = new ByteRanges.Part(starts[j], Math.min(starts[j] + exact, bound), 0, 1);
          budget.reserveBytes(RequestBudget.Kind.SERIES, one.length());
          b = BlockPostings.read(block, indexName, one);
          at = 0;
          size = IndexDecoding.seriesEncodedSize(b, 0, b.length);
        }
        out[i] = IndexDecoding.decodeSeries(indexName, wanted[i], b, at, b.length - at, block.header()::symbol);
        cache.storeSeries(id, wanted[i], Arrays.copyOfRange(b, at, at + (int) size));
      }
    }
    return out;
  }
}
