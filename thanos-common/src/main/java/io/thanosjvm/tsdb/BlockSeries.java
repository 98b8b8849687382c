package io.thanosjvm.tsdb;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.tsdb.chunkenc.AggrType;
import io.thanosjvm.tsdb.index.ChunkMeta;
import java.util.List;
import java.util.function.Function;

/**
 * One selected series: its labels, the chunk metas overlapping the query range (for chunk-level
 * consumers) and a factory of sample iterators restricted to the range.
 */
public final class BlockSeries {

  private final Labels labels;
  private final List<ChunkMeta> chunks;
  private final Function<AggrType, SampleIterator> iterators;

  BlockSeries(Labels labels, List<ChunkMeta> chunks, Function<AggrType, SampleIterator> iterators) {
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

  /**
   * A fresh iterator over the samples in the query range.
   *
   * @throws io.thanosjvm.tsdb.encoding.CorruptBlockException while iterating, on a downsampled (0xFF) chunk: use
   *     {@link #iterator(AggrType)}
   */
  public SampleIterator iterator() {
    return iterators.apply(null);
  }

  /**
   * A fresh iterator over one aggregate of downsampled (0xFF) chunks in the query range; raw XOR chunks are
   * iterated as they are.
   *
   * @throws io.thanosjvm.tsdb.encoding.CorruptBlockException while iterating, when a chunk lacks the aggregate
   */
  public SampleIterator iterator(AggrType aggregate) {
    return iterators.apply(java.util.Objects.requireNonNull(aggregate, "aggregate"));
  }
}
