package io.thanosjvm.rules;

import io.thanosjvm.model.Labels;
import java.util.Objects;

/**
 * One series of an instant vector: a rule's query result, or a sample a rule records.
 *
 * @param labels the series' labels
 * @param value its value
 */
public record SeriesValue(Labels labels, double value) {

  /** Validates the value. */
  public SeriesValue {
    Objects.requireNonNull(labels, "labels");
  }
}
