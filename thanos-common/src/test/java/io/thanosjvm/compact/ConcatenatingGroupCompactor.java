package io.thanosjvm.compact;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.GoJson;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.model.Labels;
import io.thanosjvm.tsdb.BlockWriter;
import io.thanosjvm.tsdb.chunks.Chunk;
import io.thanosjvm.tsdb.chunks.ChunkReader;
import io.thanosjvm.tsdb.index.ChunkMeta;
import io.thanosjvm.tsdb.index.IndexReader;
import io.thanosjvm.tsdb.index.SeriesEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A test-only STAND-IN for the real {@code compact.BlockCompactor} (being written in parallel): concatenates the
 * chunks of non-overlapping blocks series by series with {@link BlockWriter#addSeriesChunks} and writes a meta.json
 * with merged compaction sources, parents and level. Refuses overlapping inputs. The lead switches the tests to the
 * real compactor at merge.
 */
public final class ConcatenatingGroupCompactor implements GroupCompactor {

  @Override
  public BlockMeta compact(CompactionGroup group, List<Path> blockDirs, Path outDir, String ulid) throws IOException {
    List<BlockMeta> metas = new ArrayList<>();
    for (Path d : blockDirs) {
      metas.add(BlockMeta.read(d.resolve(BlockMeta.FILE_NAME)));
    }
    for (int i = 1; i < metas.size(); i++) {
      if (metas.get(i).minTime() < metas.get(i - 1).maxTime()) {
        throw new IllegalArgumentException("stand-in compactor cannot merge overlapping blocks");
      }
    }
    List<IndexReader> indexes = new ArrayList<>();
    List<ChunkReader> chunkReaders = new ArrayList<>();
    try {
      TreeMap<Labels, List<long[]>> refs = new TreeMap<>();
      for (int b = 0; b < blockDirs.size(); b++) {
        IndexReader ir = IndexReader.open(blockDirs.get(b).resolve("index"));
        indexes.add(ir);
        chunkReaders.add(ChunkReader.open(blockDirs.get(b).resolve("chunks")));
        for (int ref : ir.allPostings()) {
          SeriesEntry s = ir.series(ref & 0xFFFFFFFFL);
          refs.computeIfAbsent(s.labels(), k -> new ArrayList<>()).add(new long[] {b, ref & 0xFFFFFFFFL});
        }
      }
      ThanosMeta thanos = ThanosMeta.create(group.labels(), group.resolution(), "compactor");
      BlockMeta written;
      try (BlockWriter w = new BlockWriter(outDir, ulid, thanos)) {
        for (Map.Entry<Labels, List<long[]>> e : refs.entrySet()) {
          List<ChunkMeta> cms = new ArrayList<>();
          List<Chunk> data = new ArrayList<>();
          for (long[] br : e.getValue()) {
            SeriesEntry s = indexes.get((int) br[0]).series(br[1]);
            for (ChunkMeta c : s.chunks()) {
              cms.add(c);
              data.add(chunkReaders.get((int) br[0]).read(c.ref()));
            }
          }
          w.addSeriesChunks(e.getKey(), cms, data);
        }
        written = w.commit(metas.get(0).minTime(), metas.stream().mapToLong(BlockMeta::maxTime).max().orElseThrow());
      }
      return withCompactionSection(outDir.resolve(ulid), written, metas);
    } finally {
      for (IndexReader r : indexes) {
        r.close();
      }
      for (ChunkReader r : chunkReaders) {
        r.close();
      }
    }
  }

  private static BlockMeta withCompactionSection(Path dir, BlockMeta written, List<BlockMeta> inputs)
      throws IOException {
    Map<String, Object> doc = written.document();
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("level", (long) inputs.stream().mapToInt(BlockMeta::compactionLevel).max().orElse(0) + 1);
    TreeSet<String> sources = new TreeSet<>();
    List<Object> parents = new ArrayList<>();
    for (BlockMeta m : inputs) {
      sources.addAll(m.sources());
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("ulid", m.ulid());
      p.put("minTime", m.minTime());
      p.put("maxTime", m.maxTime());
      parents.add(p);
    }
    c.put("sources", new ArrayList<Object>(sources));
    c.put("parents", parents);
    doc.put("compaction", c);
    BlockMeta meta = BlockMeta.parse(GoJson.write(doc), dir.toString());
    meta.write(dir.resolve(BlockMeta.FILE_NAME));
    return meta;
  }
}
