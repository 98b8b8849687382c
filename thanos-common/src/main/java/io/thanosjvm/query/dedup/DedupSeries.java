package io.thanosjvm.query.dedup;

import io.thanosjvm.dedup.PenaltyDedupIterator;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.promql.storage.Series;
import java.util.ArrayList;
import java.util.List;

/**
 * One deduplicated series: the replicas of a label set (replica labels already removed) read through the penalty
 * deduplicator, counter-adjusted when {@code counter} is set.
 *
 * @param labels the series' labels without replica labels
 * @param replicas the replicas, at least one
 * @param counter whether the enclosing function is rate-like
 */
public record DedupSeries(Labels labels, List<Series> replicas, boolean counter) implements Series {

  /** Validates and copies. */
  public DedupSeries {
    if (labels == null || replicas == null || replicas.isEmpty()) {
      throw new IllegalArgumentException("a deduplicated series needs labels and at least one replica");
    }
    replicas = List.copyOf(replicas);
  }

  @Override
  public SampleIterator iterator() {
    if (replicas.size() == 1) {
      return replicas.get(0).iterator();
    }
    List<SampleIterator> its = new ArrayList<>(replicas.size());
    replicas.forEach(r -> its.add(r.iterator()));
    return PenaltyDedupIterator.of(its, counter);
  }
}
