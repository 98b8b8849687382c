package io.thanosjvm.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart's alerts pass the real {@code promtool check rules} (Prometheus 2.42), both as the rule file and as the
 * PrometheusRule the chart renders; every alert and dashboard expression parses with our PromQL parser (Grafana
 * variables substituted); dashboards ship in ConfigMaps carrying Grafana's sidecar label.
 */
class AlertsAndDashboardsTest {

  @TempDir
  Path tmp;

  static String promtool() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "promtool"))) {
        return Path.of(dir, "promtool").toString();
      }
    }
    if (Files.isExecutable(Path.of("/usr/bin/promtool"))) {
      return "/usr/bin/promtool";
    }
    throw new AssertionError("promtool is not installed: run .ci/install-prometheus.sh (Debian's prometheus 2.42)");
  }

  private static String checkRules(Path file) throws Exception {
    Process p = new ProcessBuilder(promtool(), "check", "rules", file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("promtool check rules %s:%n%s", file, out).isZero();
    return out;
  }

  @Test
  void theRuleFilePassesPromtool() throws Exception {
    String out = checkRules(Observability.rulesFile());
    assertThat(out).contains("SUCCESS: " + Observability.ruleQueries().size() + " rules found");
  }

  @Test
  @SuppressWarnings("unchecked")
  void thePrometheusRuleTheChartRendersPassesPromtool() throws Exception {
    Map<String, Object> rule = ChartFixture.ofKind(ChartFixture.render("all-values.yaml"), "PrometheusRule").get(0);
    Map<String, Object> spec = (Map<String, Object>) rule.get("spec");
    Path file = tmp.resolve("rendered-rules.yaml");
    Files.writeString(file, new Yaml().dump(Map.of("groups", spec.get("groups"))));
    assertThat(checkRules(file)).contains("SUCCESS: " + Observability.ruleQueries().size() + " rules found");

  }

  @Test
  void everyAlertExpressionParsesAndNamesMetrics() {
    List<Observability.Query> queries = Observability.ruleQueries();
    assertThat(queries).hasSizeGreaterThan(30);
    for (Observability.Query q : queries) {
      assertThat(Observability.metricNames(q.expr())).as(q.where()).isNotEmpty();
    }
  }

  @Test
  void everyDashboardExpressionParsesWithGrafanaVariablesSubstituted() {
    List<Observability.Query> queries = Observability.dashboardQueries();
    assertThat(queries).hasSizeGreaterThan(60);
    Set<String> components = new HashSet<>();
    for (Observability.Query q : queries) {
      assertThat(Observability.metricNames(q.expr())).as(q.where()).isNotEmpty();
      components.add(q.component());
    }
    assertThat(components).containsExactlyInAnyOrder("query", "query-frontend", "store", "compact", "receive",
        "rule");
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyDashboardHasJvmPanelsAndAUniqueUid() {
    Set<String> uids = new HashSet<>();
    Observability.dashboards().forEach((name, d) -> {
      assertThat(uids.add((String) d.get("uid"))).as(name + " uid").isTrue();
      List<String> exprs = Observability.dashboardQueries().stream()
          .filter(q -> q.where().startsWith(name + " / ")).map(Observability.Query::expr).toList();
      assertThat(exprs).as(name).anyMatch(e -> e.contains("jvm_memory_used_bytes"))
          .anyMatch(e -> e.contains("jvm_gc_pause_seconds")).anyMatch(e -> e.contains("jvm_threads_live_threads"));
    });
  }

  @Test
  @SuppressWarnings("unchecked")
  void dashboardsShipInConfigMapsForGrafanasSidecar() {
    List<Map<String, Object>> maps = ChartFixture.ofKind(ChartFixture.render("all-values.yaml"), "ConfigMap")
        .stream().filter(m -> ChartFixture.name(m).endsWith("-dashboard")).toList();
    assertThat(maps).hasSize(Observability.dashboards().size());
    for (Map<String, Object> m : maps) {
      Map<String, Object> labels = (Map<String, Object>) ((Map<String, Object>) m.get("metadata")).get("labels");
      assertThat(labels).containsEntry("grafana_dashboard", "1");
      Map<String, Object> data = (Map<String, Object>) m.get("data");
      String json = (String) data.values().iterator().next();
      assertThat(((Map<String, Object>) ChartFixture.yaml().load(json))).containsKey("panels");
    }
  }
}
