package io.thanosjvm.store.bucket;

import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.Series;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * K-way merge of per-block sorted series lists into one sorted stream: series with equal labels (the same series
 * in several blocks) become one, their chunks ordered by time with exact duplicates (overlapping blocks) removed.
 */
final class SeriesMerge {

  private SeriesMerge() {}

  private record Cursor(List<BlockSeriesQuery.Result> list, int[] pos) {
    BlockSeriesQuery.Result head() {
      return list.get(pos[0]);
    }
  }

  /**
   * Emits the merged series, at most {@code limit} of them (0 = all).
   *
   * @return the number emitted
   */
  static long mergeSorted(List<List<BlockSeriesQuery.Result>> lists, long limit, Consumer<Series> emit) {
    PriorityQueue<Cursor> heap = new PriorityQueue<>(Math.max(1, lists.size()),
        (a, b) -> a.head().labels().compareTo(b.head().labels()));
    for (List<BlockSeriesQuery.Result> l : lists) {
      if (!l.isEmpty()) {
        heap.add(new Cursor(l, new int[1]));
      }
    }
    long sent = 0;
    while (!heap.isEmpty() && (limit <= 0 || sent < limit)) {
      Cursor c = heap.poll();
      BlockSeriesQuery.Result first = c.head();
      List<AggrChunk> chunks = null;
      advance(heap, c);
      while (!heap.isEmpty() && heap.peek().head().labels().equals(first.labels())) {
        Cursor d = heap.poll();
        if (chunks == null) {
          chunks = new ArrayList<>(first.chunks());
        }
        chunks.addAll(d.head().chunks());
        advance(heap, d);
      }
      if (chunks != null) {
        chunks.sort(Comparator.comparingLong(AggrChunk::getMinTime).thenComparingLong(AggrChunk::getMaxTime));
        chunks = dedup(chunks);
        emit.accept(BucketStore.toWire(new BlockSeriesQuery.Result(first.labels(), chunks)));
      } else {
        emit.accept(BucketStore.toWire(first));
      }
      sent++;
    }
    return sent;
  }

  private static void advance(PriorityQueue<Cursor> heap, Cursor c) {
    c.pos()[0]++;
    if (c.pos()[0] < c.list().size()) {
      heap.add(c);
    }
  }

  private static List<AggrChunk> dedup(List<AggrChunk> sorted) {
    List<AggrChunk> out = new ArrayList<>(sorted.size());
    for (AggrChunk c : sorted) {
      if (out.isEmpty() || !out.get(out.size() - 1).equals(c)) {
        out.add(c);
      }
    }
    return out;
  }
}
