package io.thanosjvm.rules;

import io.thanosjvm.model.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the alerts a rule evaluation made due into what Alertmanager receives, as Thanos' ruler does: labels
 * through {@link AlertLabeling} (external labels, {@code --alert.label-drop}, {@code --alert.relabel-config}; an
 * alert relabelled away is not sent), the generator URL from {@link GeneratorUrl}; then queued for sending.
 */
public final class RuleNotifier {

  private final AlertLabeling labeling;
  private final GeneratorUrl generatorUrl;
  private final AlertQueue queue;

  /** A notifier into {@code queue}. */
  public RuleNotifier(AlertLabeling labeling, GeneratorUrl generatorUrl, AlertQueue queue) {
    this.labeling = labeling;
    this.generatorUrl = generatorUrl;
    this.queue = queue;
  }

  /** Queues the alerts of the rule with expression {@code expr}. */
  public void notify(String expr, List<AlertNotification> alerts) {
    String url = generatorUrl.forExpression(expr);
    List<AlertNotification> out = new ArrayList<>(alerts.size());
    for (AlertNotification a : alerts) {
      Labels labels = labeling.apply(a.labels());
      if (labels != null) {
        out.add(new AlertNotification(labels, a.annotations(), a.startsAtMillis(), a.endsAtMillis(), url));
      }
    }
    queue.push(out);
  }
}
