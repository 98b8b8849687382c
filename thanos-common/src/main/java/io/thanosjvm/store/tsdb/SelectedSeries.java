package io.thanosjvm.store.tsdb;

import io.thanosjvm.head.StoredSeries;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.tsdb.MergeSampleIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * A series as the StoreAPI shows it (external labels attached, replica labels dropped) and the stored series
 * behind it: usually one, several when dropping labels made label sets equal (their samples are merged, the
 * first winning a tie). Holds no samples: iterators are created when the series is sent.
 *
 * @param labels the labels sent
 * @param parts the stored series, at least one
 */
record SelectedSeries(Labels labels, List<StoredSeries> parts) {

  /** Copies the parts. */
  SelectedSeries {
    parts = List.copyOf(parts);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a selected series needs a stored series");
    }
  }

  /** A fresh iterator over the samples of every part. */
  SampleIterator iterator() {
    if (parts.size() == 1) {
      return parts.get(0).iterator();
    }
    List<SampleIterator> its = new ArrayList<>(parts.size());
    parts.forEach(p -> its.add(p.iterator()));
    return new MergeSampleIterator(its);
  }

  /** Whether any part holds a sample in the selected range. */
  boolean hasSamples() {
    for (StoredSeries p : parts) {
      if (p.iterator().next()) {
        return true;
      }
    }
    return false;
  }

  /** The same series with {@code other}'s parts appended (equal labels). */
  SelectedSeries mergedWith(SelectedSeries other) {
    List<StoredSeries> all = new ArrayList<>(parts);
    all.addAll(other.parts);
    return new SelectedSeries(labels, all);
  }
}
