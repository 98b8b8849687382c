package io.thanosjvm.compact.merge;

import io.thanosjvm.dedup.PenaltyDedupIterator;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.tsdb.ChunkSeriesIterator;
import io.thanosjvm.tsdb.MergeSampleIterator;
import io.thanosjvm.tsdb.Tombstones;
import io.thanosjvm.tsdb.chunkenc.ChunkEncoding;
import io.thanosjvm.tsdb.chunks.Chunk;
import io.thanosjvm.tsdb.index.ChunkMeta;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Merges the chunks of one series found in several input blocks into the output series. Chunks are ordered by
 * (min time, max time, input) and split into runs of transitively overlapping chunks: a run of one chunk is copied
 * as bytes (unless tombstones or the output range cut into it, then its remaining samples are re-encoded); in a
 * longer run byte-identical chunks are dropped, the rest merged with the {@link DedupMode} and re-encoded.
 * A run holding a non-float chunk (aggregates of downsampled blocks, histograms) is a halt, even when the chunks
 * are identical: Thanos refuses vertical compaction of downsampled blocks.
 */
public final class SeriesMerger {

  private static final Comparator<SourceChunk> ORDER = Comparator.comparingLong((SourceChunk c) -> c.meta().minTime())
      .thenComparingLong(c -> c.meta().maxTime()).thenComparingInt(c -> c.block().position());

  private final DedupMode mode;
  private final long mint;
  private final long maxt;
  private final List<SourceChunk> all = new ArrayList<>();

  /** One chunk of the series and the input block holding it. */
  private record SourceChunk(InputBlock block, ChunkMeta meta) {}

  /**
   * A merger for an output block holding the closed time range [mint, maxt].
   *
   * @param mode how overlapping chunks are merged
   * @param mint first timestamp the output block may hold
   * @param maxt last timestamp the output block may hold (its exclusive maxTime minus one)
   */
  public SeriesMerger(DedupMode mode, long mint, long maxt) {
    this.mode = mode;
    this.mint = mint;
    this.maxt = maxt;
  }

  /**
   * Merges the current series of the given inputs (all positioned on the same labels, ordered by position) into
   * {@code out}.
   */
  void merge(List<InputBlock> inputs, OutputSeries out) {
    all.clear();
    for (InputBlock b : inputs) {
      for (ChunkMeta m : b.chunkMetas()) {
        all.add(new SourceChunk(b, m));
      }
    }
    if (inputs.size() > 1) {
      all.sort(ORDER);
    }
    int i = 0;
    while (i < all.size()) {
      long oMax = all.get(i).meta().maxTime();
      int j = i + 1;
      while (j < all.size() && all.get(j).meta().minTime() <= oMax) {
        oMax = Math.max(oMax, all.get(j).meta().maxTime());
        j++;
      }
      if (j == i + 1) {
        single(all.get(i), all.get(i).block().readChunk(all.get(i).meta()), out);
      } else {
        run(all.subList(i, j), out);
      }
      i = j;
    }
  }

  private boolean needsTrim(SourceChunk c) {
    ChunkMeta m = c.meta();
    if (m.minTime() < mint || m.maxTime() > maxt) {
      return true;
    }
    for (Tombstones.Interval iv : c.block().deleted()) {
      if (iv.minTime() <= m.maxTime() && m.minTime() <= iv.maxTime()) {
        return true;
      }
    }
    return false;
  }

  private void single(SourceChunk c, Chunk data, OutputSeries out) {
    if (!needsTrim(c)) {
      out.copy(c.meta(), data);
      return;
    }
    if (data.encoding() != ChunkEncoding.XOR) {
      throw new UnhealthyBlockException("block " + c.block().meta().ulid() + ": series " + c.block().labels() + " has a "
          + ChunkEncoding.name(data.encoding()) + " chunk [" + c.meta().minTime() + ", " + c.meta().maxTime()
          + "] cut by tombstones or the output range; only float (XOR) chunks can be cut",
          List.of(c.block().meta().ulid()));
    }
    out.encode(samples(c.block(), List.of(c.meta()), List.of(data)));
  }

  private void run(List<SourceChunk> run, OutputSeries out) {
    List<LoadedChunk> kept = new ArrayList<>(run.size());
    for (SourceChunk c : run) {
      LoadedChunk l = new LoadedChunk(c, c.block().readChunk(c.meta()));
      if (l.data().encoding() != ChunkEncoding.XOR) {
        List<String> ids = run.stream().map(k -> k.block().meta().ulid()).distinct().toList();
        throw new UnhealthyBlockException("series " + c.block().labels() + " has overlapping chunks in blocks " + ids
            + ", one of them " + ChunkEncoding.name(l.data().encoding()) + " [" + c.meta().minTime() + ", "
            + c.meta().maxTime() + "] in block " + c.block().meta().ulid() + "; vertical compaction of downsampled"
            + " (aggregate) or histogram chunks is not supported", ids);
      }
      if (!isDuplicate(l, kept)) {
        kept.add(l);
      }
    }
    if (kept.size() == 1) {
      single(kept.get(0).source(), kept.get(0).data(), out);
      return;
    }
    // One stream per input block (a replica in penalty mode), in input order; chunks in time order.
    kept.sort(Comparator.comparingInt((LoadedChunk l) -> l.source().block().position())
        .thenComparingLong(l -> l.source().meta().minTime()));
    List<SampleIterator> streams = new ArrayList<>();
    int from = 0;
    for (int k = 1; k <= kept.size(); k++) {
      if (k == kept.size() || kept.get(k).source().block() != kept.get(from).source().block()) {
        List<LoadedChunk> ofBlock = kept.subList(from, k);
        streams.add(samples(ofBlock.get(0).source().block(), ofBlock.stream().map(l -> l.source().meta()).toList(),
            ofBlock.stream().map(LoadedChunk::data).toList()));
        from = k;
      }
    }
    SampleIterator merged;
    if (mode == DedupMode.PENALTY) {
      // the querier's penalty algorithm, without its counter adjustment (Thanos' compactor does not adjust)
      merged = PenaltyDedupIterator.of(streams, false);
    } else {
      merged = streams.size() == 1 ? streams.get(0) : new MergeSampleIterator(streams);
    }
    out.encode(merged);
  }

  /**
   * The samples of some loaded XOR chunks of one input block's current series, in time order, without the deleted
   * intervals and the samples outside the output range; timestamps going back in time halt the compaction.
   */
  private SampleIterator samples(InputBlock block, List<ChunkMeta> metas, List<Chunk> data) {
    return new ChunkSeriesIterator((i, m) -> data.get(i), metas, mint, maxt, block.deleted(), null)
        .checkingOrder((t, previous) -> block.unhealthy("samples out of order in series " + block.labels() + ": "
            + t + " after " + previous));
  }

  /** A chunk with its data read. */
  private record LoadedChunk(SourceChunk source, Chunk data) {}

  private static boolean isDuplicate(LoadedChunk c, List<LoadedChunk> kept) {
    for (LoadedChunk k : kept) {
      ChunkMeta m = k.source().meta();
      if (m.minTime() == c.source().meta().minTime() && m.maxTime() == c.source().meta().maxTime()
          && k.data().encoding() == c.data().encoding() && Arrays.equals(k.data().data(), c.data().data())) {
        return true;
      }
    }
    return false;
  }
}
