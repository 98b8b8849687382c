package io.thanosjvm.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.model.Labels;
import io.thanosjvm.relabel.RelabelConfigParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertLabelingTest {

  @Test
  void externalLabelsAreSetReplicaLabelsDroppedThenRelabelled() {
    AlertLabeling l = new AlertLabeling(Labels.of("cluster", "eu", "replica", "rule-0"), List.of("replica"),
        RelabelConfigParser.parse("- {source_labels: [severity], regex: debug, action: drop}"));
    assertThat(l.apply(Labels.of("alertname", "X", "cluster", "us", "severity", "page")).toString())
        .isEqualTo("{alertname=\"X\", cluster=\"eu\", severity=\"page\"}");
    assertThat(l.apply(Labels.of("alertname", "Y", "severity", "debug")) == null).isTrue();
    assertThat(AlertLabeling.NONE.apply(Labels.of("alertname", "Z")).toString()).isEqualTo("{alertname=\"Z\"}");
  }
}
