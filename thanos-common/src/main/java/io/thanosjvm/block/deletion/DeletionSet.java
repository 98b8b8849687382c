package io.thanosjvm.block.deletion;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The deletion requests compiled for lookups: which time ranges a series loses. Immutable; a query takes one set
 * and uses it for its whole run.
 */
public final class DeletionSet {

  /** No deletions. */
  public static final DeletionSet EMPTY = new DeletionSet(List.of());

  private record Entry(List<List<Matcher>> selectors, long minTime, long maxTime) {}

  private final List<Entry> entries;
  private final List<DeleteSeriesRequest> requests;

  private DeletionSet(List<DeleteSeriesRequest> requests) {
    this.requests = List.copyOf(requests);
    List<Entry> e = new ArrayList<>(requests.size());
    for (DeleteSeriesRequest r : requests) {
      if (r.minTime() <= r.maxTime()) { // Prometheus accepts start after end and deletes nothing
        e.add(new Entry(r.selectors(), r.minTime(), r.maxTime()));
      }
    }
    this.entries = List.copyOf(e);
  }

  /** The set of {@code requests}. */
  public static DeletionSet of(List<DeleteSeriesRequest> requests) {
    return requests.isEmpty() ? EMPTY : new DeletionSet(requests);
  }

  /** The requests. */
  public List<DeleteSeriesRequest> requests() {
    return requests;
  }

  /** Whether no request deletes anything. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Whether some request's range overlaps {@code [minTime, maxTime]}. */
  public boolean overlaps(long minTime, long maxTime) {
    for (Entry e : entries) {
      if (e.minTime <= maxTime && e.maxTime >= minTime) {
        return true;
      }
    }
    return false;
  }

  /**
   * The deleted ranges of a series as {@code [min0, max0, min1, max1, ...]} (ms, inclusive, unsorted, possibly
   * overlapping), empty when no request selects it.
   */
  public long[] deleted(Labels series) {
    long[] out = null;
    int n = 0;
    for (Entry e : entries) {
      if (selects(e, series)) {
        if (out == null) {
          out = new long[2 * entries.size()];
        }
        out[n++] = e.minTime;
        out[n++] = e.maxTime;
      }
    }
    return out == null ? new long[0] : java.util.Arrays.copyOf(out, n);
  }

  private static boolean selects(Entry e, Labels series) {
    for (List<Matcher> selector : e.selectors) {
      boolean all = true;
      for (Matcher m : selector) {
        if (!m.matches(series)) {
          all = false;
          break;
        }
      }
      if (all) {
        return true;
      }
    }
    return false;
  }
}
