package io.thanosjvm.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** {@code helm lint --strict} and {@code helm template} pass for the default values and every ci value set. */
class ChartLintTest {

  static List<String> valueSets() {
    return ChartFixture.valueSets();
  }

  @ParameterizedTest
  @MethodSource("valueSets")
  void lintsStrictly(String valueSet) {
    LintResult result = ChartFixture.lintStrict(valueSet);
    assertThat(result.isFailed()).as("helm lint --strict %s: %s", valueSet, result.getMessages()).isFalse();
  }

  @ParameterizedTest
  @MethodSource("valueSets")
  void rendersWorkloads(String valueSet) {
    assertThat(ChartFixture.workloads(valueSet)).as(valueSet).isNotEmpty();
  }

  @Test
  void oneValueSetEnablesEveryComponentAndEveryOptionalResource() {
    List<Map<String, Object>> docs = ChartFixture.render("all-values.yaml");
    Map<String, List<String>> byKind = docs.stream().collect(Collectors.groupingBy(
        d -> (String) d.get("kind"), Collectors.mapping(ChartFixture::name, Collectors.toList())));
    assertThat(byKind.keySet()).contains("Deployment", "StatefulSet", "Service", "ConfigMap", "Secret",
        "Ingress", "PodDisruptionBudget", "HorizontalPodAutoscaler", "ServiceMonitor", "NetworkPolicy",
        "PrometheusRule", "PersistentVolumeClaim", "ServiceAccount");
    assertThat(ChartFixture.workloads("all-values.yaml").stream().map(w -> (String) ChartFixture.containers(w)
        .get(0).get("name")).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("query", "query-frontend", "storegateway", "compactor", "receive", "ruler");
  }
}
