package io.thanosjvm.block.health;

import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.model.Labels;
import io.thanosjvm.tsdb.chunks.Chunk;
import io.thanosjvm.tsdb.chunks.ChunkReader;
import io.thanosjvm.tsdb.encoding.Crc32c;
import io.thanosjvm.tsdb.index.ChunkMeta;
import io.thanosjvm.tsdb.index.IndexReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes a repaired copy of a local block as Thanos' {@code block.Repair} does for {@code tools bucket verify
 * --repair}: label sets sorted, series re-sorted, each series' chunks sorted by time, then dropped when they lie
 * completely outside the block's range, exactly duplicate the previous chunk (same range and bytes) or start at
 * the block's max time (prometheus/tsdb#347); a series left without chunks is dropped. Chunks kept are copied as
 * bytes. The copy keeps the time range, compaction section and external labels, gets source {@code bucket.repair}
 * and fresh stats. Chunks that partly overlap, or overlap one-to-one with other bytes, cannot be repaired: the
 * repair fails naming them. Downsampled blocks are refused, as in Thanos.
 *
 * <p>Memory: the label sets of all series (to re-sort them) and one series' chunks at a time.
 */
public final class BlockRepairer {

  /** The source of repaired blocks ({@code metadata.BucketRepairSource}). */
  public static final String SOURCE = "bucket.repair";

  private BlockRepairer() {}

  /**
   * Repairs the block in {@code blockDir} into {@code outDir/newUlid}.
   *
   * @return the repaired block's meta.json
   * @throws IOException when the block cannot be read or written, is downsampled, or holds chunks no rule may drop
   */
  public static BlockMeta repair(Path blockDir, Path outDir, String newUlid) throws IOException {
    BlockMeta meta = BlockMeta.read(blockDir.resolve(BlockMeta.FILE_NAME));
    if (meta.thanos().map(ThanosMeta::resolution).orElse(0L) > 0) {
      throw new IOException("cannot repair downsampled block");
    }
    ThanosMeta thanos = meta.thanos().orElseGet(() -> ThanosMeta.create(Map.of(), 0, SOURCE)).withSource(SOURCE);
    Files.createDirectories(outDir);
    try (IndexReader index = IndexReader.open(blockDir.resolve("index"));
        ChunkReader chunks = ChunkReader.open(blockDir.resolve("chunks"));
        BlockWriter writer = new BlockWriter(outDir, newUlid, thanos)) {
      for (SeriesRef s : sortedSeries(index)) {
        List<ChunkMeta> metas = new ArrayList<>(index.seriesTolerant(s.ref()).series().chunks());
        metas.sort(Comparator.comparingLong(ChunkMeta::minTime));
        List<ChunkMeta> keptMetas = new ArrayList<>(metas.size());
        List<Chunk> kept = new ArrayList<>(metas.size());
        for (ChunkMeta c : metas) {
          if (c.minTime() > meta.maxTime() || c.maxTime() < meta.minTime()) {
            continue; // complete outsider: never read
          }
          Chunk data = chunks.read(c.ref());
          if (!keptMetas.isEmpty() && duplicate(keptMetas.get(keptMetas.size() - 1), kept.get(kept.size() - 1), c,
              data)) {
            continue;
          }
          if (c.minTime() == meta.maxTime()) {
            continue; // prometheus/tsdb#347 outsider: the next block holds these samples
          }
          keptMetas.add(c);
          kept.add(data);
        }
        writer.addSeriesChunks(s.labels(), keptMetas, kept);
      }
      if (writer.numSeries() == 0) {
        throw new IOException("nothing left in block " + meta.ulid() + " after the repair");
      }
      return writer.commit(meta.minTime(), meta.maxTime(),
          m -> m.withCompaction(meta.compactionLevel(), meta.sources(), meta.parents()));
    }
  }

  /**
   * Whether {@code curr} duplicates {@code last} (Thanos' {@code IgnoreDuplicateOutsideChunk}).
   *
   * @throws IOException when they overlap without being exact copies
   */
  private static boolean duplicate(ChunkMeta last, Chunk lastData, ChunkMeta curr, Chunk currData)
      throws IOException {
    if (curr.minTime() > last.maxTime()) {
      return false;
    }
    if (curr.minTime() != last.minTime() || curr.maxTime() != last.maxTime()) {
      throw new IOException("ignore function: non-sequential chunks not equal: [" + last.minTime() + ", "
          + last.maxTime() + "] and [" + curr.minTime() + ", " + curr.maxTime() + "]");
    }
    if (lastData.encoding() != currData.encoding() || !Arrays.equals(lastData.data(), currData.data())) {
      throw new IOException("ignore function: non-sequential chunks not equal: "
          + Integer.toHexString(Crc32c.of(lastData.data(), 0, lastData.data().length)) + " and "
          + Integer.toHexString(Crc32c.of(currData.data(), 0, currData.data().length)));
    }
    return true;
  }

  private record SeriesRef(Labels labels, long ref) {}

  private static List<SeriesRef> sortedSeries(IndexReader index) {
    List<SeriesRef> out = new ArrayList<>();
    for (int ref : index.allPostings()) {
      long r = ref & 0xFFFFFFFFL;
      out.add(new SeriesRef(index.seriesTolerant(r).series().labels(), r));
    }
    out.sort(Comparator.comparing(SeriesRef::labels));
    return out;
  }
}
