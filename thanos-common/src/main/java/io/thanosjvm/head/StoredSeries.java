package io.thanosjvm.head;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.SampleIterator;

/** One selected series of the local TSDB (head or block): its labels and fresh iterators over its samples. */
public interface StoredSeries {

  /** The label set. */
  Labels labels();

  /** A new iterator over the selected samples, in time order. */
  SampleIterator iterator();
}
