package io.thanosjvm.rules;

import io.thanosjvm.model.Labels;
import java.util.Map;
import java.util.Objects;

/**
 * An alert as sent to Alertmanager (its v2 {@code postableAlert}).
 *
 * @param labels the alert's labels after external labels, label drops and alert relabelling
 * @param annotations its annotations
 * @param startsAtMillis when it started firing
 * @param endsAtMillis when it was resolved, or until when it is valid without a resend
 * @param generatorUrl the link back to the expression ({@code --alert.query-url} + {@code --alert.query-template})
 */
public record AlertNotification(Labels labels, Map<String, String> annotations, long startsAtMillis,
    long endsAtMillis, String generatorUrl) {

  /** Validates the notification. */
  public AlertNotification {
    Objects.requireNonNull(labels, "labels");
    annotations = Map.copyOf(annotations);
    Objects.requireNonNull(generatorUrl, "generatorUrl");
  }

  /**
   * The notification for an alert being sent, as Prometheus' notifier builds it: starts when it fired, ends when
   * it was resolved or else when its validity runs out.
   */
  public static AlertNotification of(Alert a, Labels labels, String generatorUrl) {
    long endsAt = a.resolvedAt() != 0 ? a.resolvedAt() : a.validUntil();
    return new AlertNotification(labels, a.annotations(), a.firedAt(), endsAt, generatorUrl);
  }
}
