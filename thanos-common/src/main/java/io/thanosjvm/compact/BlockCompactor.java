package io.thanosjvm.compact;

import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.block.metadata.BlockFile;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.compact.merge.DedupMode;
import io.thanosjvm.compact.merge.InputBlock;
import io.thanosjvm.compact.merge.SeriesMergeLoop;
import io.thanosjvm.compact.merge.UnhealthyBlockException;
import io.thanosjvm.tsdb.BlockDesc;
import io.thanosjvm.tsdb.Tombstones;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compacts local copies of a group's blocks into one new block, as Thanos' compactor does with Prometheus'
 * leveled compactor: a streaming k-way merge of the inputs' series by label set, written through
 * {@link BlockWriter}. Chunks that do not overlap are copied as bytes; overlapping chunks (vertical compaction)
 * are merged one-to-one (Prometheus' compacting merge) or, in {@link DedupMode#PENALTY} mode, with the querier's
 * penalty algorithm, and re-encoded into 120-sample XOR chunks. Tombstoned samples are dropped.
 *
 * <p>The meta.json follows Prometheus' {@code CompactBlockMetas}: min/max of the inputs' time ranges, level =
 * highest input level + 1, sorted union of sources, the inputs as parents; and Thanos' compactor section: the
 * group's labels and resolution, source {@code compactor}, segment files, files and index stats. As Thanos does,
 * the output has no tombstones file. When nothing is left (every sample deleted) no block is written and the
 * returned meta has {@code compaction.deletable} set, as Prometheus reports an empty compaction result.
 */
public final class BlockCompactor implements GroupCompactor {

  /** Thanos section source of compacted blocks. */
  public static final String SOURCE_COMPACTOR = "compactor";

  private final DedupMode mode;

  /** A compactor merging overlapping chunks one-to-one (Thanos' default {@code --deduplication.func=""}). */
  public BlockCompactor() {
    this(DedupMode.ONE_TO_ONE);
  }

  /** A compactor merging overlapping chunks with the given mode. */
  public BlockCompactor(DedupMode mode) {
    this.mode = Objects.requireNonNull(mode, "mode");
  }

  /** The merge mode. */
  public DedupMode mode() {
    return mode;
  }

  @Override
  public BlockMeta compact(CompactionGroup group, List<Path> blockDirs, Path outDir, String ulid) throws IOException {
    if (blockDirs.isEmpty()) {
      throw new IllegalArgumentException("nothing to compact: no input blocks");
    }
    List<InputBlock> inputs = new ArrayList<>(blockDirs.size());
    try {
      for (Path d : blockDirs) {
        inputs.add(InputBlock.open(inputs.size(), d));
      }
      List<BlockMeta> metas = inputs.stream().map(InputBlock::meta).toList();
      checkInputs(group, metas);
      return write(group, inputs, metas, outDir, ulid);
    } catch (UnhealthyBlockException e) {
      throw new HaltException(e.getMessage(), e.blockIds());
    } finally {
      for (InputBlock b : inputs) {
        b.close();
      }
    }
  }

  private static void checkInputs(CompactionGroup group, List<BlockMeta> metas) {
    Map<String, String> seen = new HashMap<>();
    for (BlockMeta m : metas) {
      long res = m.thanos().map(ThanosMeta::resolution).orElse(0L);
      if (res != group.resolution()) {
        throw new IllegalArgumentException("block " + m.ulid() + " has resolution " + res + ", group " + group.key()
            + " has " + group.resolution());
      }
      for (String s : m.sources()) {
        String other = seen.putIfAbsent(s, m.ulid());
        if (other != null && !other.equals(m.ulid())) {
          throw new HaltException("blocks " + other + " and " + m.ulid() + " share the compaction source " + s
              + "; compacting them would duplicate data (remove the older one)", List.of(other, m.ulid()));
        }
      }
    }
  }

  private BlockMeta write(CompactionGroup group, List<InputBlock> inputs, List<BlockMeta> metas, Path outDir,
      String ulid) throws IOException {
    long mint = Long.MAX_VALUE;
    long maxt = Long.MIN_VALUE;
    int level = 0;
    TreeSet<String> sources = new TreeSet<>();
    List<BlockDesc> parents = new ArrayList<>();
    for (BlockMeta m : metas) {
      mint = Math.min(mint, m.minTime());
      maxt = Math.max(maxt, m.maxTime());
      level = Math.max(level, m.compactionLevel());
      sources.addAll(m.sources());
      parents.add(BlockDesc.of(m.tsdb()));
    }
    final int outLevel = level + 1;
    List<String> sourceList = List.copyOf(sources);
    ThanosMeta thanos = ThanosMeta.create(group.labels(), group.resolution(), SOURCE_COMPACTOR);
    Files.createDirectories(outDir);
    try (BlockWriter writer = new BlockWriter(outDir, ulid, thanos)) {
      long samples = new SeriesMergeLoop(mode, mint, maxt - 1).run(inputs, writer);
      if (writer.numSeries() == 0) {
        return BlockMeta.create(ulid, mint, maxt, 0, 0, 0).withCompaction(outLevel, sourceList, parents)
            .withDeletable(true).withThanos(thanos);
      }
      BlockMeta meta = writer.commit(mint, maxt, m -> finish(m, outLevel, sourceList, parents, samples));
      Files.deleteIfExists(outDir.resolve(ulid).resolve(Tombstones.FILE_NAME));
      return meta;
    }
  }

  private static BlockMeta finish(BlockMeta m, int level, List<String> sources, List<BlockDesc> parents,
      long samples) {
    ThanosMeta t = m.thanos().orElseThrow();
    List<String> segments = new ArrayList<>();
    for (BlockFile f : t.files()) {
      if (f.relPath().startsWith("chunks/")) {
        segments.add(f.relPath().substring("chunks/".length()));
      }
    }
    return m.withCompaction(level, sources, parents).withStats(samples, m.numSeries(), m.numChunks())
        .withThanos(t.withSegmentFiles(segments));
  }
}
