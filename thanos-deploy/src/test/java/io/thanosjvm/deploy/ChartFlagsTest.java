package io.thanosjvm.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every container's command line in every rendered value set ({@code thanos <component> --flag...}) is accepted by
 * that component: by its own flag parser and property binding when this build declares it, else by the flag names
 * of the Thanos reference (receive and rule, until their apps land).
 */
class ChartFlagsTest {

  static List<String> valueSets() {
    return ChartFixture.valueSets();
  }

  @ParameterizedTest
  @MethodSource("valueSets")
  @SuppressWarnings("unchecked")
  void everyContainerCommandLineIsAcceptedByItsComponent(String valueSet) {
    Map<ComponentFlagCheck.Via, List<String>> checked = new EnumMap<>(ComponentFlagCheck.Via.class);
    for (Map<String, Object> w : ChartFixture.workloads(valueSet)) {
      for (Map<String, Object> c : ChartFixture.containers(w)) {
        List<String> args = (List<String>) c.get("args");
        assertThat(args).as("%s %s: args", valueSet, ChartFixture.name(w)).isNotEmpty();
        String component = args.get(0);
        ComponentFlagCheck.Via via = ComponentFlagCheck.check(component, args.subList(1, args.size()));
        checked.computeIfAbsent(via, k -> new ArrayList<>()).add(component);
      }
    }
    assertThat(checked.values().stream().mapToInt(List::size).sum()).as(valueSet).isPositive();
    // the facts list stands in only for components the build does not declare
    checked.getOrDefault(ComponentFlagCheck.Via.FACTS, List.of())
        .forEach(c -> assertThat(ComponentFlagCheck.declared(c)).as(c).isFalse());
  }

  @Test
  void theAllComponentsValueSetChecksTheDeclaredComponentsWithTheirParser() {
    for (String c : List.of("query", "query-frontend", "store", "compact")) {
      assertThat(ComponentFlagCheck.declared(c)).as(c).isTrue();
    }
  }

  @Test
  void theCheckRefusesWhatTheComponentsRefuse() {
    assertThatThrownBy(() -> ComponentFlagCheck.check("store", List.of("--no-such-flag=1")))
        .hasMessageContaining("unknown long flag '--no-such-flag'");
    assertThatThrownBy(() -> ComponentFlagCheck.check("compact", List.of("--wait-interval=soon")))
        .hasMessageContaining("do not bind");
    assertThatThrownBy(() -> ComponentFlagCheck.check("query", List.of("--query.max-concurrent=0")))
        .hasMessageContaining("do not bind");
    assertThatThrownBy(() -> ComponentFlagCheck.check("query-frontend", List.of("--grpc-address=0.0.0.0:10901")))
        .hasMessageContaining("unknown long flag '--grpc-address'");
  }

  @Test
  void theFactsCatalogueKnowsReceiveAndRuleFlagsAndNothingElse() {
    Set<String> receive = FactsFlagCatalogue.flags("receive");
    assertThat(receive).contains("receive.hashrings-file", "receive.local-endpoint", "receive.replication-factor",
        "remote-write.address", "tsdb.path", "label", "objstore.config-file", "http-address", "grpc-address",
        "no-tsdb.wal-compression", "receive.relabel-config-file");
    assertThat(receive).doesNotContain("rule-file", "eval-interval", "query.replica-label");
    Set<String> rule = FactsFlagCatalogue.flags("rule");
    assertThat(rule).contains("rule-file", "eval-interval", "query", "alertmanagers.url", "alert.label-drop",
        "label", "data-dir", "tsdb.retention", "objstore.config-file", "query.config-file");
    assertThat(rule).doesNotContain("receive.hashrings-file", "remote-write.address");
    if (!ComponentFlagCheck.declared("receive")) {
      assertThatThrownBy(() -> ComponentFlagCheck.check("receive", List.of("--receive.hashring-file=x")))
          .hasMessageContaining("unknown flags [receive.hashring-file]");
    }
  }
}
