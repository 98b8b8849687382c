package io.thanosjvm.rules.template;

import java.util.Map;
import java.util.Objects;

/**
 * One sample of an instant-query result as templates see it (Prometheus' template {@code sample}: {@code .Labels}
 * and {@code .Value}); the timestamp is carried for the caller and is not visible to templates.
 *
 * @param labels the series labels, including {@code __name__} when the query kept it
 * @param value the sample value
 * @param timestampMillis the sample timestamp in milliseconds
 */
public record QuerySample(Map<String, String> labels, double value, long timestampMillis) {

  /** Copies the labels. */
  public QuerySample {
    Objects.requireNonNull(labels, "labels");
    labels = Map.copyOf(labels);
  }
}
