package io.thanosjvm.head;

import io.thanosjvm.model.Labels;
import java.util.Objects;

/**
 * A series as the WAL's Series record holds it.
 *
 * @param ref the head series ref (from 1, increasing)
 * @param labels its labels
 */
public record RefSeries(long ref, Labels labels) {

  /** Validates. */
  public RefSeries {
    Objects.requireNonNull(labels, "labels");
  }
}
