package io.thanosjvm.promql.storage;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.SampleIterator;

/** A selected series: its labels and a fresh iterator over its samples. */
public interface Series {

  /** The series' labels. */
  Labels labels();

  /** A new iterator positioned before the first sample. */
  SampleIterator iterator();
}
