package io.thanosjvm.promql.storage;

import java.util.List;

/** A {@link SeriesSet} over a list already sorted by labels. */
public final class ListSeriesSet implements SeriesSet {

  private final List<Series> series;
  private int i = -1;

  /** Wraps the list (not copied). */
  public ListSeriesSet(List<Series> series) {
    this.series = series;
  }

  @Override
  public boolean next() {
    return ++i < series.size();
  }

  @Override
  public Series at() {
    return series.get(i);
  }
}
