package io.thanosjvm.promql.engine;

import java.util.List;

/**
 * A matrix result, series sorted by labels.
 *
 * @param series the series
 */
public record MatrixValue(List<MatrixSeries> series) implements QueryValue {

  /** Copies the list. */
  public MatrixValue {
    series = List.copyOf(series);
  }
}
