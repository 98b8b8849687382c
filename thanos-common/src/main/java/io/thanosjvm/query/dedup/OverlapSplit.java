package io.thanosjvm.query.dedup;

import io.thanosjvm.wire.storepb.AggrChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits the chunks of one series into pseudo-replicas whose chunks do not overlap in time, as Thanos'
 * {@code NewOverlapSplit} does: after the proxy merged equal label sets (replica labels removed), the chunks of
 * different replicas overlap, and each pseudo-replica can then be read as one time-ordered sample stream and
 * handed to the penalty deduplicator.
 */
public final class OverlapSplit {

  private OverlapSplit() {}

  /**
   * Chunks ordered by min time, each appended to the pseudo-replica whose last chunk ends latest while still
   * before the chunk starts (best fit), or to a new one. Never returns an empty list; a series without chunks
   * gives one empty replica.
   *
   * <p>Thanos appends to the <em>first</em> such pseudo-replica. When two replicas cut their chunks at different
   * times (Prometheus cuts head chunks by predicted sample count and at 2h boundaries), first fit can chain one
   * replica's chunk behind the other replica's: a pseudo-replica then switches between real replicas, and the
   * penalty deduplicator, which skips samples right after a switch, loses samples that both replicas hold. A
   * replica's next chunk starts right after its previous one ends, so best fit keeps each replica's chunks
   * together whenever the chunk ranges allow it; without such a choice it behaves exactly like first fit.
   */
  public static List<List<AggrChunk>> split(List<AggrChunk> chunks) {
    List<AggrChunk> sorted = new ArrayList<>(chunks);
    sorted.sort(Comparator.comparingLong(AggrChunk::getMinTime));
    List<List<AggrChunk>> replicas = new ArrayList<>();
    for (AggrChunk c : sorted) {
      List<AggrChunk> target = null;
      long targetEnd = Long.MIN_VALUE;
      for (List<AggrChunk> r : replicas) {
        long end = r.get(r.size() - 1).getMaxTime();
        if (end < c.getMinTime() && (target == null || end > targetEnd)) {
          target = r;
          targetEnd = end;
        }
      }
      if (target == null) {
        target = new ArrayList<>();
        replicas.add(target);
      }
      target.add(c);
    }
    if (replicas.isEmpty()) {
      replicas.add(new ArrayList<>());
    }
    return replicas;
  }
}
