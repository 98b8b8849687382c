package io.thanosjvm.promql.storage;

import java.util.List;

/** A {@link SeriesSet} over a list already sorted by labels. */
public final class ListSeriesSet implements SeriesSet {

  private final List<Series> series;
  private final List<String> warnings;
  private int i = -1;

  /** Wraps the list (not copied). */
  public ListSeriesSet(List<Series> series) {
    this(series, List.of());
  }

  /** Wraps the list (not copied) with warnings. */
  public ListSeriesSet(List<Series> series, List<String> warnings) {
    this.series = series;
    this.warnings = List.copyOf(warnings);
  }

  @Override
  public List<String> warnings() {
    return warnings;
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
