package io.thanosjvm.rules.template;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The data an alert template sees (Prometheus' {@code AlertTemplateData}): {@code .Labels}, {@code .ExternalLabels},
 * {@code .ExternalURL} and {@code .Value}.
 *
 * @param labels the alert's series labels
 * @param externalLabels the ruler's external labels
 * @param externalUrl the external URL as Go's {@code url.URL.String()} prints it
 * @param value the sample value of the alert
 */
public record TemplateData(
    Map<String, String> labels, Map<String, String> externalLabels, String externalUrl, double value) {

  /** Copies the maps into sorted maps (Go prints and ranges over maps in key order). */
  public TemplateData {
    labels = new TreeMap<>(Objects.requireNonNull(labels, "labels"));
    externalLabels = new TreeMap<>(Objects.requireNonNull(externalLabels, "externalLabels"));
    Objects.requireNonNull(externalUrl, "externalUrl");
  }
}
