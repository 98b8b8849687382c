package io.thanosjvm.tsdb;

import io.thanosjvm.model.Labels;
import io.thanosjvm.tsdb.index.ChunkMeta;
import java.util.List;
import java.util.function.Supplier;

/**
 * One selected series: its labels, the chunk metas overlapping the query range (for chunk-level
 * consumers) and a factory of sample iterators restricted to the range.
 */
public final class BlockSeries {

  private final Labels labels;
  private final List<ChunkMeta> chunks;
  private final Supplier<SampleIterator> iterators;

  BlockSeries(Labels labels, List<ChunkMeta> chunks, Supplier<SampleIterator> iterators) {
    this.labels = labels;
    this.chunks = List.copyOf(chunks);
    this.iterators = iterators;
  }

  /** The label set. */
  public Labels labels() {
    return labels;
  }

  /** Chunk metas overlapping the query range; for series merged across blocks, refs are per block. */
  public List<ChunkMeta> chunks() {
    return chunks;
  }

  /** A fresh iterator over the samples in the query range. */
  public SampleIterator iterator() {
    return iterators.get();
  }
}
