package io.thanosjvm.promql.engine;

import io.thanosjvm.model.Labels;

/**
 * One series of a matrix result, as primitive arrays.
 *
 * @param labels the labels
 * @param timestamps the point timestamps in ms, ascending
 * @param values the point values
 */
public record MatrixSeries(Labels labels, long[] timestamps, double[] values) {

  /** Validates. */
  public MatrixSeries {
    if (timestamps.length != values.length) {
      throw new IllegalArgumentException("timestamps and values differ in length");
    }
  }
}
