package io.thanosjvm.compact.rewrite;

import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.compact.merge.DedupMode;
import io.thanosjvm.compact.merge.InputBlock;
import io.thanosjvm.compact.merge.SeriesMergeLoop;
import io.thanosjvm.model.Labels;
import io.thanosjvm.tsdb.Tombstones;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a copy of a local block without what deletion requests delete, as {@code thanos tools bucket rewrite}
 * does: the compactor's streaming merge over the one block with the requests' intervals as extra tombstones (chunks
 * untouched by them are copied as bytes), the same time range, level, parents and external labels, source {@code
 * bucket.rewrite}, compaction sources the new block itself, and a {@code thanos.rewrites} entry naming the old
 * sources and the requests applied.
 */
public final class BlockRewriter {

  /** The source of rewritten blocks. */
  public static final String SOURCE = "bucket.rewrite";

  /**
   * Rewrites {@code blockDir} into {@code outDir/newUlid}.
   *
   * @return the new block's meta, or empty when nothing is left (every series deleted; no block is written)
   */
  public Optional<BlockMeta> rewrite(Path blockDir, List<DeletionRequest> deletions, Path outDir, String newUlid)
      throws IOException {
    try (InputBlock in = InputBlock.open(0, blockDir, labels -> deleted(deletions, labels))) {
      BlockMeta old = in.meta();
      ThanosMeta thanos = old.thanos().orElseGet(() -> ThanosMeta.create(Map.of(), 0, SOURCE))
          .withSource(SOURCE).withRewrite(old.sources(), applied(deletions));
      Files.createDirectories(outDir);
      try (BlockWriter writer = new BlockWriter(outDir, newUlid, thanos)) {
        long samples = new SeriesMergeLoop(DedupMode.ONE_TO_ONE, old.minTime(), old.maxTime() - 1)
            .run(List.of(in), writer);
        if (writer.numSeries() == 0) {
          return Optional.empty();
        }
        return Optional.of(writer.commit(old.minTime(), old.maxTime(), m -> m
            .withCompaction(old.compactionLevel(), List.of(newUlid), old.parents())
            .withStats(samples, m.numSeries(), m.numChunks())));
      }
    }
  }

  private static List<Tombstones.Interval> deleted(List<DeletionRequest> deletions, Labels labels) {
    List<Tombstones.Interval> out = List.of();
    for (DeletionRequest d : deletions) {
      if (d.selects(labels)) {
        if (out.isEmpty()) {
          out = new ArrayList<>();
        }
        out.addAll(d.deleted());
      }
    }
    return out;
  }

  /** The requests as Thanos records them in meta.json ({@code DeletionRequest} with Go's field names). */
  private static List<Map<String, Object>> applied(List<DeletionRequest> deletions) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (DeletionRequest d : deletions) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("matchers", d.selector());
      if (!d.intervals().isEmpty()) {
        List<Object> ivs = new ArrayList<>();
        for (Tombstones.Interval iv : d.intervals()) {
          Map<String, Object> i = new LinkedHashMap<>();
          i.put("Mint", iv.minTime());
          i.put("Maxt", iv.maxTime());
          ivs.add(i);
        }
        m.put("intervals", ivs);
      }
      if (!d.requestId().isEmpty()) {
        m.put("request_id", d.requestId());
      }
      out.add(m);
    }
    return out;
  }
}
