package io.thanosjvm.head;

import io.thanosjvm.model.Labels;
import io.thanosjvm.tsdb.MergeSampleIterator;
import io.thanosjvm.model.SampleIterator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Merges label-sorted series streams (blocks, head) into one: series with equal labels become one whose samples
 * are merged by time, the earlier stream winning a tie (Prometheus' merge querier).
 */
final class SeriesMerge implements Iterator<StoredSeries> {

  private final List<Iterator<StoredSeries>> its;
  private final StoredSeries[] heads;

  SeriesMerge(List<Iterator<StoredSeries>> its) {
    this.its = its;
    this.heads = new StoredSeries[its.size()];
    for (int i = 0; i < heads.length; i++) {
      heads[i] = its.get(i).hasNext() ? its.get(i).next() : null;
    }
  }

  @Override
  public boolean hasNext() {
    for (StoredSeries h : heads) {
      if (h != null) {
        return true;
      }
    }
    return false;
  }

  @Override
  public StoredSeries next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Labels min = null;
    for (StoredSeries h : heads) {
      if (h != null && (min == null || h.labels().compareTo(min) < 0)) {
        min = h.labels();
      }
    }
    List<StoredSeries> same = new ArrayList<>(2);
    for (int i = 0; i < heads.length; i++) {
      if (heads[i] != null && heads[i].labels().equals(min)) {
        same.add(heads[i]);
        heads[i] = its.get(i).hasNext() ? its.get(i).next() : null;
      }
    }
    if (same.size() == 1) {
      return same.get(0);
    }
    Labels labels = min;
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
