package io.thanosjvm.rules;

import io.thanosjvm.model.Label;
import io.thanosjvm.model.Labels;
import io.thanosjvm.relabel.RelabelConfig;
import io.thanosjvm.relabel.Relabeler;
import java.util.List;

/**
 * The labels an alert is sent with, in Thanos' ruler order: the ruler's external labels ({@code --label}) set on
 * the alert, then the {@code --alert.label-drop} names removed (typically the ruler replica label, so that
 * Alertmanager deduplicates HA rulers), then {@code --alert.relabel-config} applied; a relabelling that drops the
 * alert means it is not sent.
 *
 * @param externalLabels the ruler's external labels
 * @param dropNames label names removed before sending
 * @param relabelConfigs alert relabelling rules
 */
public record AlertLabeling(Labels externalLabels, List<String> dropNames, List<RelabelConfig> relabelConfigs) {

  /** Keeps immutable copies. */
  public AlertLabeling {
    dropNames = List.copyOf(dropNames);
    relabelConfigs = List.copyOf(relabelConfigs);
  }

  /** No external labels, drops or relabelling. */
  public static final AlertLabeling NONE = new AlertLabeling(Labels.EMPTY, List.of(), List.of());

  /** The labels to send {@code alertLabels} with, or null when relabelling drops the alert. */
  public Labels apply(Labels alertLabels) {
    Labels.Builder b = alertLabels.toBuilder();
    for (Label l : externalLabels) {
      b.set(l.name(), l.value());
    }
    for (String name : dropNames) {
      b.delete(name);
    }
    Labels out = b.build();
    if (relabelConfigs.isEmpty()) {
      return out;
    }
    Labels relabeled = Relabeler.process(out, relabelConfigs);
    return relabeled == null || relabeled.isEmpty() ? null : relabeled;
  }
}
