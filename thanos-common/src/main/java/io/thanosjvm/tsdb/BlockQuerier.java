package io.thanosjvm.tsdb;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.model.TimeRange;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Queries one block or every block of a data directory (sub-directories named by a ULID holding a
 * meta.json), merging series with equal labels across blocks in label order and their samples by time,
 * as Prometheus' querier over a read-only DB does.
 */
public final class BlockQuerier implements Closeable {

  private final List<Block> blocks;

  private BlockQuerier(List<Block> blocks) {
    this.blocks = blocks;
  }

  /** Opens {@code dir} as a block if it has a meta.json, else every ULID block inside it. */
  public static BlockQuerier open(Path dir) throws IOException {
    List<Block> blocks = new ArrayList<>();
    try {
      if (Files.exists(dir.resolve(TsdbMeta.FILE_NAME))) {
        blocks.add(Block.open(dir));
      } else {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(dir)) {
          dirs = s.filter(p -> TsdbMeta.isUlid(p.getFileName().toString()))
              .filter(p -> Files.exists(p.resolve(TsdbMeta.FILE_NAME)))
              .sorted().toList();
        }
        for (Path p : dirs) {
          blocks.add(Block.open(p));
        }
        blocks.sort(Comparator.comparingLong(b -> b.meta().minTime()));
      }
    } catch (IOException | RuntimeException e) {
      for (Block b : blocks) {
        b.close();
      }
      throw e;
    }
    return new BlockQuerier(blocks);
  }

  /** The open blocks, by minTime. */
  public List<Block> blocks() {
    return List.copyOf(blocks);
  }

  /** Selects matching series with samples in {@code range}, merged across blocks, in label order. */
  public Iterator<BlockSeries> select(TimeRange range, List<Matcher> matchers) {
    List<Iterator<BlockSeries>> its = new ArrayList<>();
    for (Block b : blocks) {
      if (b.overlaps(range)) {
        its.add(b.select(range, matchers));
      }
    }
    if (its.size() == 1) {
      return its.get(0);
    }
    return new SortedSeriesMerge<>(its, BlockSeries::labels, (labels, same) -> {
      List<io.thanosjvm.tsdb.index.ChunkMeta> metas = new ArrayList<>();
      for (BlockSeries s : same) {
        metas.addAll(s.chunks());
      }
      return new BlockSeries(labels, metas, aggr -> {
        List<SampleIterator> l = new ArrayList<>();
        for (BlockSeries s : same) {
          l.add(aggr == null ? s.iterator() : s.iterator(aggr));
        }
        return new MergeSampleIterator(l);
      });
    });
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (Block b : blocks) {
      try {
        b.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
