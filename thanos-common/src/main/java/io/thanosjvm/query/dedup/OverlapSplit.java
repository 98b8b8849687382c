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
   * Chunks ordered by min time, each appended to the first pseudo-replica whose last chunk ends before it
   * starts, or to a new one. Never returns an empty list; a series without chunks gives one empty replica.
   */
  public static List<List<AggrChunk>> split(List<AggrChunk> chunks) {
    List<AggrChunk> sorted = new ArrayList<>(chunks);
    sorted.sort(Comparator.comparingLong(AggrChunk::getMinTime));
    List<List<AggrChunk>> replicas = new ArrayList<>();
    replicas.add(new ArrayList<>());
    for (AggrChunk c : sorted) {
      List<AggrChunk> target = null;
      for (List<AggrChunk> r : replicas) {
        if (r.isEmpty() || r.get(r.size() - 1).getMaxTime() < c.getMinTime()) {
          target = r;
          break;
        }
      }
      if (target == null) {
        target = new ArrayList<>();
        replicas.add(target);
      }
      target.add(c);
    }
    return replicas;
  }
}
