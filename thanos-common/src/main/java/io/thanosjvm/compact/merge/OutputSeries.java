package io.thanosjvm.compact.merge;

import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.tsdb.chunkenc.AggrChunk;
import io.thanosjvm.tsdb.chunkenc.AggrType;
import io.thanosjvm.tsdb.chunkenc.ChunkEncoding;
import io.thanosjvm.tsdb.chunkenc.XorChunkWriter;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import io.thanosjvm.tsdb.chunks.Chunk;
import io.thanosjvm.tsdb.index.ChunkMeta;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The chunks of the output series being built: copied chunks as they are, merged samples re-encoded into XOR
 * chunks of {@link BlockWriter#SAMPLES_PER_CHUNK} samples. {@link #flush} hands the series to the block writer and
 * counts its samples the way Prometheus' compactor does (for aggregate chunks, the count aggregate's samples).
 */
final class OutputSeries {

  private final List<ChunkMeta> metas = new ArrayList<>();
  private final List<Chunk> chunks = new ArrayList<>();
  private final XorChunkWriter xor = new XorChunkWriter();
  private final XorIterator countIt = new XorIterator();
  private long samples;
  private long totalSamples;

  /** Adds a chunk copied unchanged. */
  void copy(ChunkMeta meta, Chunk chunk) {
    metas.add(new ChunkMeta(meta.minTime(), meta.maxTime(), 0));
    chunks.add(chunk);
    samples += sampleCount(chunk);
  }

  /** Re-encodes every sample of the iterator, cutting a chunk every 120 samples. */
  void encode(SampleIterator it) {
    xor.reset();
    while (it.next()) {
      if (xor.numSamples() == BlockWriter.SAMPLES_PER_CHUNK) {
        cutXor();
      }
      xor.append(it.atT(), it.atV());
    }
    if (xor.numSamples() > 0) {
      cutXor();
    }
  }

  private void cutXor() {
    metas.add(new ChunkMeta(xor.minTime(), xor.maxTime(), 0));
    chunks.add(new Chunk(ChunkEncoding.XOR, xor.bytes()));
    samples += xor.numSamples();
    xor.reset();
  }

  private long sampleCount(Chunk c) {
    byte[] d = c.data();
    if (c.encoding() == ChunkEncoding.AGGR) {
      AggrChunk a = AggrChunk.parse(d, 0, d.length);
      if (!a.has(AggrType.COUNT)) {
        return 0;
      }
      a.iterator(AggrType.COUNT, countIt);
      return countIt.numSamples();
    }
    return d.length >= 2 ? ((d[0] & 0xFF) << 8) | (d[1] & 0xFF) : 0;
  }

  /** Writes the series (when it has chunks) and starts a new one; returns whether a series was written. */
  boolean flush(BlockWriter writer, Labels labels) throws IOException {
    boolean any = !chunks.isEmpty();
    if (any) {
      writer.addSeriesChunks(labels, metas, chunks);
      totalSamples += samples;
    }
    metas.clear();
    chunks.clear();
    samples = 0;
    return any;
  }

  /** Samples of all series flushed so far. */
  long totalSamples() {
    return totalSamples;
  }
}
