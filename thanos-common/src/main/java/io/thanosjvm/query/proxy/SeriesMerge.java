package io.thanosjvm.query.proxy;

import io.thanosjvm.model.Labels;
import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.Series;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Merges the parts of one series coming from several stores (or frames): chunks in time order, identical ones once. */
final class SeriesMerge {

  private SeriesMerge() {}

  /** One series from its parts, all with equal labels. */
  static Series merge(List<Series> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    Series.Builder out = parts.get(0).toBuilder().clearChunks();
    Set<ChunkKey> seen = new HashSet<>();
    List<AggrChunk> chunks = new ArrayList<>();
    for (Series s : parts) {
      for (AggrChunk c : s.getChunksList()) {
        if (seen.add(ChunkKey.of(c))) {
          chunks.add(c);
        }
      }
    }
    chunks.sort(Comparator.comparingLong(AggrChunk::getMinTime).thenComparingLong(AggrChunk::getMaxTime));
    return out.addAllChunks(chunks).build();
  }

  /** Labels of a wire series. */
  static Labels labels(Series s) {
    Labels.Builder b = Labels.builder();
    s.getLabelsList().forEach(l -> b.set(l.getName(), l.getValue()));
    return b.build();
  }

  /**
   * Identity of a chunk for de-duplication: its time range and exact content (all aggregates), ignoring the
   * optional {@code hash} field that only some stores fill.
   */
  private record ChunkKey(AggrChunk normalized) {

    static ChunkKey of(AggrChunk c) {
      AggrChunk.Builder b = c.toBuilder();
      if (c.hasRaw()) {
        b.getRawBuilder().clearHash();
      }
      if (c.hasCount()) {
        b.getCountBuilder().clearHash();
      }
      if (c.hasSum()) {
        b.getSumBuilder().clearHash();
      }
      if (c.hasMin()) {
        b.getMinBuilder().clearHash();
      }
      if (c.hasMax()) {
        b.getMaxBuilder().clearHash();
      }
      if (c.hasCounter()) {
        b.getCounterBuilder().clearHash();
      }
      return new ChunkKey(b.build());
    }
  }
}
