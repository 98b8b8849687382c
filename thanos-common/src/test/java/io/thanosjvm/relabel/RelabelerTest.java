package io.thanosjvm.relabel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.model.Labels;
import org.junit.jupiter.api.Test;

class RelabelerTest {

  private static Labels run(String yaml, Labels in) {
    return Relabeler.process(in, RelabelConfigParser.parse(yaml));
  }

  @Test
  void keepAndDropMatchTheJoinedSourceValuesFullyAnchored() {
    Labels l = Labels.of("cluster", "eu1", "env", "prod");
    assertThat((Object) run("- {action: keep, source_labels: [cluster, env], regex: 'eu1;prod'}", l)).isEqualTo(l);
    assertThat((Object) run("- {action: keep, source_labels: [cluster], regex: 'eu'}", l)).isNull();
    assertThat((Object) run("- {action: drop, source_labels: [env], regex: 'prod|dev'}", l)).isNull();
  }

  @Test
  void hashmodUsesTheLowEightBytesOfMd5() {
    // expected values computed with md5 over the UTF-8 value, last 8 bytes big-endian, mod N (as Prometheus)
    String yaml = "- {action: hashmod, source_labels: [cluster], target_label: shard, modulus: 3}";
    assertThat(run(yaml, Labels.of("cluster", "eu1")).get("shard")).isEqualTo("0");
    assertThat(run(yaml, Labels.of("cluster", "us1")).get("shard")).isEqualTo("1");
    assertThat(run(yaml.replace("[cluster]", "[a, b]"), Labels.of("a", "a", "b", "b")).get("shard")).isEqualTo("2");
  }

  @Test
  void replaceExpandsGoStyleGroupReferences() {
    Labels out = run("- {source_labels: [instance], regex: '(.*):(\\d+)', target_label: host, replacement: '${1}-$2'}",
        Labels.of("instance", "node:9100"));
    assertThat(out.get("host")).isEqualTo("node-9100");
    assertThat((Object) run("- {source_labels: [x], regex: 'nomatch', target_label: y}", Labels.of("x", "1")))
        .isEqualTo(Labels.of("x", "1"));
  }

  @Test
  void labelmapLabeldropAndLabelkeepWorkOnNames() {
    Labels l = Labels.of("__meta_a", "1", "keep_me", "2", "drop_me", "3");
    assertThat(run("- {action: labelmap, regex: '__meta_(.*)'}", l).get("a")).isEqualTo("1");
    assertThat(run("- {action: labeldrop, regex: 'drop_.*'}", l).has("drop_me")).isFalse();
    assertThat((Object) run("- {action: labelkeep, regex: 'keep_me'}", l)).isEqualTo(Labels.of("keep_me", "2"));
  }

  @Test
  void invalidRulesFailWithPrometheusMessages() {
    assertThatThrownBy(() -> RelabelConfigParser.parse("- {action: hashmod, source_labels: [a], target_label: s}"))
        .hasMessageContaining("requires non-zero modulus");
    assertThatThrownBy(() -> RelabelConfigParser.parse("- {action: replace, source_labels: [a]}"))
        .hasMessageContaining("requires 'target_label' value");
    assertThatThrownBy(() -> RelabelConfigParser.parse("- {action: frobnicate}"))
        .hasMessageContaining("unsupported relabel action \"frobnicate\"");
    assertThatThrownBy(() -> RelabelConfigParser.parse("- {acton: keep}")).hasMessageContaining("field acton not found");
  }
}
