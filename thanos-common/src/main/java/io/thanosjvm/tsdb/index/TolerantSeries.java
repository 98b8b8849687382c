package io.thanosjvm.tsdb.index;

import java.util.Objects;

/**
 * A series read by a repair tool's tolerant decoder: the entry (labels sorted) and whether the index stored its
 * labels out of name order (a bug of Prometheus 2.8.0 and below).
 *
 * @param series the decoded series, labels sorted by name
 * @param labelsOutOfOrder whether the stored label set was not sorted by name
 */
public record TolerantSeries(SeriesEntry series, boolean labelsOutOfOrder) {

  /** Validates. */
  public TolerantSeries {
    Objects.requireNonNull(series, "series");
  }
}
