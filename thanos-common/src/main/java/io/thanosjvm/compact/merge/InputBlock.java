package io.thanosjvm.compact.merge;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.model.Labels;
import io.thanosjvm.tsdb.Block;
import io.thanosjvm.tsdb.Tombstones;
import io.thanosjvm.tsdb.chunks.Chunk;
import io.thanosjvm.tsdb.index.ChunkMeta;
import io.thanosjvm.tsdb.index.SeriesEntry;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * One input block of a compaction: an open {@link Block} read as a cursor over its series in index order (which is
 * label order). The cursor holds one series at a time and checks what Thanos' index health check checks: series
 * strictly ascending by labels, chunks of a series ordered and not overlapping; a violation is an {@link
 * UnhealthyBlockException} naming the block.
 */
public final class InputBlock implements Closeable {

  private final int position;
  private final Block block;
  private final BlockMeta meta;
  private final PostingsStream postings;
  private final Function<Labels, List<Tombstones.Interval>> extraDeletions;
  private SeriesEntry current;

  private InputBlock(int position, Block block, BlockMeta meta, PostingsStream postings,
      Function<Labels, List<Tombstones.Interval>> extraDeletions) {
    this.position = position;
    this.block = block;
    this.meta = meta;
    this.postings = postings;
    this.extraDeletions = extraDeletions;
  }

  /**
   * Opens a block directory as input number {@code position} (its rank among the inputs, ordered by min time).
   *
   * @throws io.thanosjvm.tsdb.encoding.CorruptBlockException for corrupt files
   */
  public static InputBlock open(int position, Path dir) throws IOException {
    return open(position, dir, labels -> List.of());
  }

  /**
   * Opens a block directory as input number {@code position}, with deletions beyond its tombstones (a bucket
   * rewrite's deletion requests): {@code extraDeletions} gives each series' deleted intervals (empty for none).
   *
   * @throws io.thanosjvm.tsdb.encoding.CorruptBlockException for corrupt files
   */
  public static InputBlock open(int position, Path dir, Function<Labels, List<Tombstones.Interval>> extraDeletions)
      throws IOException {
    Block block = Block.open(dir);
    InputBlock input = null;
    try {
      input = new InputBlock(position, block, BlockMeta.of(block.meta()), PostingsStream.open(block.index()),
          extraDeletions);
      return input;
    } finally {
      if (input == null) {
        block.close();
      }
    }
  }

  /**
   * Moves to the next series; false at the end.
   *
   * @throws UnhealthyBlockException when the series is not after the previous one or its chunks overlap
   */
  public boolean advance() {
    if (!postings.hasNext()) {
      current = null;
      return false;
    }
    SeriesEntry next = block.index().series(postings.next());
    if (current != null && current.labels().compareTo(next.labels()) >= 0) {
      throw unhealthy("series " + next.labels() + " out of order after " + current.labels());
    }
    List<ChunkMeta> cs = next.chunks();
    for (int i = 1; i < cs.size(); i++) {
      if (cs.get(i).minTime() <= cs.get(i - 1).maxTime()) {
        throw unhealthy("out-of-order or overlapping chunks in series " + next.labels() + ": chunk " + i + " ["
            + cs.get(i).minTime() + ", " + cs.get(i).maxTime() + "] after [" + cs.get(i - 1).minTime() + ", "
            + cs.get(i - 1).maxTime() + "]");
      }
    }
    current = next;
    return true;
  }

  /** The input's rank among the compactions' inputs (0 = oldest). */
  public int position() {
    return position;
  }

  /** The block's meta.json, with its Thanos section. */
  public BlockMeta meta() {
    return meta;
  }

  /** The current series' labels. */
  public Labels labels() {
    return current.labels();
  }

  /** The current series' chunk metas, in time order. */
  public List<ChunkMeta> chunkMetas() {
    return current.chunks();
  }

  /** The deleted intervals (tombstones) of the current series; empty when none. */
  public List<Tombstones.Interval> deleted() {
    List<Tombstones.Interval> stored = block.tombstones().get(current.ref());
    List<Tombstones.Interval> extra = extraDeletions.apply(current.labels());
    if (extra.isEmpty()) {
      return stored;
    }
    List<Tombstones.Interval> all = new java.util.ArrayList<>(stored);
    all.addAll(extra);
    return all;
  }

  /** Reads a chunk of this block. */
  public Chunk readChunk(ChunkMeta m) {
    return block.chunks().read(m.ref());
  }

  /** An error naming this block, for unhealthy input. */
  UnhealthyBlockException unhealthy(String problem) {
    return new UnhealthyBlockException("block " + meta.ulid() + " (" + block.dir() + ") is unhealthy: " + problem
        + "; compaction halted (repair or mark the block no-compact)", List.of(meta.ulid()));
  }

  @Override
  public void close() throws IOException {
    try {
      postings.close();
    } finally {
      block.close();
    }
  }
}
