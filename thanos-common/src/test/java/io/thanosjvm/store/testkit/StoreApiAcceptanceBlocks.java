package io.thanosjvm.store.testkit;

import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.model.Labels;
import io.thanosjvm.store.testkit.StoreApiAcceptanceKit.Dataset;
import io.thanosjvm.store.testkit.StoreApiAcceptanceKit.DatasetSeries;
import io.thanosjvm.tsdb.Ulid;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The acceptance dataset as Thanos blocks, for stores that serve blocks (the store gateway): one raw block per
 * 2h window aligned to the Unix epoch, as Prometheus cuts them, with meta.json {@code minTime}/{@code maxTime} at
 * the window edges and the external labels in the Thanos section. ULIDs carry the window start, so they sort by
 * time and repeat for the same dataset.
 */
public final class StoreApiAcceptanceBlocks {

  /** Prometheus' default block range. */
  public static final long BLOCK_RANGE_MS = 2 * StoreApiAcceptanceData.HOUR;

  /** The Thanos meta source of the blocks ({@code metadata.TestSource} in Thanos). */
  public static final String SOURCE = "test";

  private StoreApiAcceptanceBlocks() {}

  /**
   * Writes one block per 2h window holding data under {@code dir}.
   *
   * @return the metas of the written blocks, oldest first
   */
  public static List<BlockMeta> write(Dataset data, Path dir, Labels externalLabels) throws IOException {
    List<DatasetSeries> sorted = new ArrayList<>(data.series());
    sorted.sort(Comparator.comparing(DatasetSeries::labels));
    List<BlockMeta> out = new ArrayList<>();
    for (long w = Math.floorDiv(data.minTime(), BLOCK_RANGE_MS) * BLOCK_RANGE_MS; w <= data.maxTime();
        w += BLOCK_RANGE_MS) {
      String ulid = new Ulid(InstantSource.fixed(Instant.ofEpochMilli(w)), new SplittableRandom(w)).next();
      try (BlockWriter block = new BlockWriter(dir, ulid,
          ThanosMeta.create(externalLabels.toMap(), 0, SOURCE))) {
        for (DatasetSeries s : sorted) {
          int from = firstAtOrAfter(s.timestamps(), w);
          int to = firstAtOrAfter(s.timestamps(), w + BLOCK_RANGE_MS);
          if (to > from) {
            block.addSeries(s.labels(), slice(s.timestamps(), from, to), slice(s.values(), from, to), to - from);
          }
        }
        if (block.numSeries() > 0) {
          out.add(block.commit(w, w + BLOCK_RANGE_MS));
        }
      }
    }
    return out;
  }

  private static int firstAtOrAfter(long[] ts, long t) {
    int i = 0;
    while (i < ts.length && ts[i] < t) {
      i++;
    }
    return i;
  }

  private static long[] slice(long[] a, int from, int to) {
    long[] out = new long[to - from];
    System.arraycopy(a, from, out, 0, out.length);
    return out;
  }

  private static double[] slice(double[] a, int from, int to) {
    double[] out = new double[to - from];
    System.arraycopy(a, from, out, 0, out.length);
    return out;
  }
}
