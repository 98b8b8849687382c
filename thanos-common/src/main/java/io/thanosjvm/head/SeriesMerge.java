package io.thanosjvm.head;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.tsdb.MergeSampleIterator;
import io.thanosjvm.tsdb.SortedSeriesMerge;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Merges label-sorted series streams (blocks, head) into one ({@link SortedSeriesMerge}): series with equal labels
 * become one whose samples are merged by time, the earlier stream winning a tie (Prometheus' merge querier).
 */
final class SeriesMerge {

  private SeriesMerge() {}

  /** The merged stream of {@code its}. */
  static Iterator<StoredSeries> of(List<Iterator<StoredSeries>> its) {
    return new SortedSeriesMerge<>(its, StoredSeries::labels, SeriesMerge::merged);
  }

  private static StoredSeries merged(Labels labels, List<StoredSeries> same) {
    return new StoredSeries() {
      @Override
      public Labels labels() {
        return labels;
      }

      @Override
      public SampleIterator iterator() {
        List<SampleIterator> l = new ArrayList<>(same.size());
        for (StoredSeries s : same) {
          l.add(s.iterator());
        }
        return new MergeSampleIterator(l);
      }
    };
  }
}
