package io.thanosjvm.compact.downsample;

import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.json.GoJson;
import io.thanosjvm.tsdb.chunkenc.AggrChunk;
import io.thanosjvm.tsdb.chunkenc.AggrType;
import io.thanosjvm.tsdb.chunkenc.ChunkEncoding;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import io.thanosjvm.tsdb.chunks.Chunk;
import io.thanosjvm.tsdb.chunks.ChunkReader;
import io.thanosjvm.tsdb.index.ChunkMeta;
import io.thanosjvm.tsdb.index.IndexReader;
import io.thanosjvm.tsdb.index.SeriesEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes the downsampled copy of a block, series by series (memory bounded by the largest series):
 * raw blocks are aggregated from their samples, downsampled blocks from their aggregate chunks along
 * chunk boundaries. The new block keeps the original time range, external labels and compaction
 * section, and gets the target resolution and source {@code compactor} in its Thanos section.
 */
public final class BlockDownsampler {

  /** Thanos section source of downsampled blocks. */
  public static final String SOURCE_COMPACTOR = "compactor";

  private final Downsampler downsampler = new Downsampler();
  private final XorIterator xor = new XorIterator();
  private long[] ts = new long[1024];
  private double[] vs = new double[1024];

  /**
   * Downsamples a block directory into a new block {@code outDir/<ulid>}.
   *
   * @param ulid the new block's ULID
   * @return the new block's meta
   * @throws DownsampleException when the target resolution is not coarser or the block holds chunks
   *     that cannot be downsampled
   */
  public BlockMeta downsampleBlock(Path blockDir, Path outDir, long resolution, String ulid) throws IOException {
    BlockMeta orig = BlockMeta.read(blockDir.resolve(BlockMeta.FILE_NAME));
    ThanosMeta origThanos = orig.thanos().orElseGet(() -> ThanosMeta.create(Map.of(), 0, SOURCE_COMPACTOR));
    long inRes = origThanos.resolution();
    if (inRes >= resolution) {
      throw new DownsampleException("block " + blockDir + ": target resolution " + resolution
          + " not coarser than its resolution " + inRes);
    }
    ThanosMeta thanos = ThanosMeta.create(origThanos.labels(), resolution, SOURCE_COMPACTOR);
    long numSamples = 0;
    BlockMeta written;
    try (IndexReader index = IndexReader.open(blockDir.resolve("index"));
        ChunkReader chunks = ChunkReader.open(blockDir.resolve("chunks"));
        BlockWriter writer = new BlockWriter(outDir, ulid, thanos)) {
      for (int ref : index.allPostings()) {
        SeriesEntry s = index.series(ref & 0xFFFFFFFFL);
        checkOrdered(blockDir, s);
        List<DownsampledChunk> out = inRes == 0
            ? downsampleRawSeries(blockDir, s, chunks, resolution)
            : downsampleAggrSeries(blockDir, s, chunks, inRes, resolution);
        if (out.isEmpty()) {
          continue;
        }
        List<ChunkMeta> metas = new ArrayList<>(out.size());
        List<Chunk> data = new ArrayList<>(out.size());
        for (DownsampledChunk c : out) {
          metas.add(new ChunkMeta(c.minTime(), c.maxTime(), 0));
          data.add(new Chunk(ChunkEncoding.AGGR, c.data()));
          numSamples += countSamples(c.aggrChunk());
        }
        writer.addSeriesChunks(s.labels(), metas, data);
      }
      if (writer.numSeries() == 0) {
        throw new DownsampleException("block " + blockDir + ": no samples left to downsample");
      }
      written = writer.commit(orig.minTime(), orig.maxTime());
    }
    return finishMeta(outDir.resolve(ulid), orig, written, numSamples);
  }

  private static void checkOrdered(Path blockDir, SeriesEntry s) {
    List<ChunkMeta> c = s.chunks();
    for (int i = 1; i < c.size(); i++) {
      if (c.get(i - 1).maxTime() >= c.get(i).minTime()) {
        throw new DownsampleException("block " + blockDir + ": overlapping chunks in series " + s.labels());
      }
    }
  }

  private List<DownsampledChunk> downsampleRawSeries(Path blockDir, SeriesEntry s, ChunkReader chunks,
      long resolution) {
    int n = 0;
    for (ChunkMeta m : s.chunks()) {
      Chunk c = chunks.read(m.ref());
      if (c.encoding() != ChunkEncoding.XOR) {
        throw new DownsampleException("block " + blockDir + ": series " + s.labels() + " has a "
            + ChunkEncoding.name(c.encoding()) + " chunk; only float (XOR) series can be downsampled");
      }
      xor.reset(c.data(), 0, c.data().length);
      while (xor.next()) {
        if (n == ts.length) {
          ts = Arrays.copyOf(ts, n * 2);
          vs = Arrays.copyOf(vs, n * 2);
        }
        ts[n] = xor.atT();
        vs[n] = xor.atV();
        n++;
      }
    }
    return downsampler.downsampleSeries(ts, vs, n, resolution);
  }

  private List<DownsampledChunk> downsampleAggrSeries(Path blockDir, SeriesEntry s, ChunkReader chunks,
      long inRes, long resolution) {
    List<AggrChunk> aggr = new ArrayList<>(s.chunks().size());
    for (ChunkMeta m : s.chunks()) {
      Chunk c = chunks.read(m.ref());
      if (c.encoding() == ChunkEncoding.XOR && c.data().length >= 2 && c.data()[0] == 0 && c.data()[1] == 0) {
        continue; // Empty XOR chunks occur in some downsampled blocks; Thanos skips them too.
      }
      if (c.encoding() != ChunkEncoding.AGGR) {
        throw new DownsampleException("block " + blockDir + ": series " + s.labels() + " has a "
            + ChunkEncoding.name(c.encoding()) + " chunk in a downsampled block");
      }
      aggr.add(AggrChunk.parse(c.data(), 0, c.data().length));
    }
    if (aggr.isEmpty()) {
      return List.of();
    }
    List<ChunkMeta> metas = s.chunks();
    return downsampler.downsampleAggr(aggr, metas.get(0).minTime(), metas.get(metas.size() - 1).maxTime(),
        inRes, resolution);
  }

  private int countSamples(AggrChunk c) {
    if (!c.has(AggrType.COUNT)) {
      return 0;
    }
    c.iterator(AggrType.COUNT, xor);
    return xor.numSamples();
  }

  /** Copies the original compaction section and sets the aggregate sample count, as Thanos' meta does. */
  private static BlockMeta finishMeta(Path dir, BlockMeta orig, BlockMeta written, long numSamples)
      throws IOException {
    Map<String, Object> doc = written.document();
    doc.put("compaction", orig.document().get("compaction"));
    BlockMeta meta = BlockMeta.parse(GoJson.write(doc), dir.toString())
        .withStats(numSamples, written.numSeries(), written.numChunks());
    Path tmp = dir.resolve(BlockMeta.FILE_NAME + ".tmp");
    meta.write(tmp);
    Files.move(tmp, dir.resolve(BlockMeta.FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    return meta;
  }
}
