package io.thanosjvm.rules;

import io.thanosjvm.model.Labels;
import java.util.Map;
import java.util.Objects;

/**
 * A copy of an alert's state for the rules and alerts APIs.
 *
 * @param labels the alert's labels (without the ruler's external labels)
 * @param annotations its expanded annotations
 * @param state {@code pending}, {@code firing} or {@code inactive}
 * @param activeAtMillis when it became active
 * @param value the value at the latest evaluation
 */
public record AlertView(Labels labels, Map<String, String> annotations, String state, long activeAtMillis,
    double value) {

  /** Validates the copy. */
  public AlertView {
    Objects.requireNonNull(labels, "labels");
    annotations = Map.copyOf(annotations);
    Objects.requireNonNull(state, "state");
  }

  static AlertView of(Alert a) {
    return new AlertView(a.labels(), a.annotations(), a.state().label(), a.activeAt(), a.value());
  }
}
