package io.thanosjvm.deploy;

import io.thanosjvm.model.MatchType;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.promql.ast.AggregateExpr;
import io.thanosjvm.promql.ast.BinaryExpr;
import io.thanosjvm.promql.ast.Call;
import io.thanosjvm.promql.ast.Expr;
import io.thanosjvm.promql.ast.MatrixSelector;
import io.thanosjvm.promql.ast.NumberLiteral;
import io.thanosjvm.promql.ast.ParenExpr;
import io.thanosjvm.promql.ast.StringLiteral;
import io.thanosjvm.promql.ast.SubqueryExpr;
import io.thanosjvm.promql.ast.UnaryExpr;
import io.thanosjvm.promql.ast.VectorSelector;
import io.thanosjvm.promql.parser.PromqlParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The chart's dashboards ({@code dashboards/thanos-<component>.json}) and alerts ({@code rules/thanos-alerts.yaml}):
 * their PromQL expressions, which component each watches, and the metric names the expressions name (through our
 * PromQL parser).
 */
final class Observability {

  /** Dashboard file stem → the {@code thanos <component>} it watches. */
  static final Map<String, String> DASHBOARDS = Map.of(
      "thanos-query", "query", "thanos-query-frontend", "query-frontend", "thanos-storegateway", "store",
      "thanos-compactor", "compact", "thanos-receive", "receive", "thanos-ruler", "rule");

  /** Alert group → the component it watches. */
  static final Map<String, String> RULE_GROUPS = Map.of(
      "thanos-query", "query", "thanos-query-frontend", "query-frontend", "thanos-store", "store",
      "thanos-compact", "compact", "thanos-receive", "receive", "thanos-rule", "rule");

  /** Grafana's variables, replaced as Grafana would before the query reaches Prometheus. */
  static final Map<String, String> GRAFANA_VARIABLES = Map.of(
      "$__rate_interval", "5m", "$__interval", "1m", "$__range", "1h", "${datasource}", "prometheus",
      "$job", ".+");

  private Observability() {}

  /** One PromQL expression with where it comes from and the component it watches. */
  record Query(String where, String component, String expr) {}

  static Path rulesFile() {
    return ChartFixture.chartDir().resolve("rules/thanos-alerts.yaml");
  }

  /** Every target expression of every dashboard, Grafana variables substituted. */
  @SuppressWarnings("unchecked")
  static List<Query> dashboardQueries() {
    List<Query> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> d : dashboards().entrySet()) {
      String component = DASHBOARDS.get(d.getKey());
      if (component == null) {
        throw new IllegalStateException("dashboard " + d.getKey() + " watches no known component: add it to "
            + "Observability.DASHBOARDS");
      }
      for (Map<String, Object> panel : (List<Map<String, Object>>) d.getValue().get("panels")) {
        for (Map<String, Object> t : (List<Map<String, Object>>) panel.getOrDefault("targets", List.of())) {
          out.add(new Query(d.getKey() + " / " + panel.get("title"), component,
              substitute((String) t.get("expr"))));
        }
      }
    }
    return out;
  }

  /** Every alert and recording rule expression. */
  @SuppressWarnings("unchecked")
  static List<Query> ruleQueries() {
    List<Query> out = new ArrayList<>();
    Map<String, Object> file = load(rulesFile());
    for (Map<String, Object> g : (List<Map<String, Object>>) file.get("groups")) {
      String component = RULE_GROUPS.get((String) g.get("name"));
      if (component == null) {
        throw new IllegalStateException("rule group " + g.get("name") + " watches no known component");
      }
      for (Map<String, Object> r : (List<Map<String, Object>>) g.get("rules")) {
        Object name = r.containsKey("alert") ? r.get("alert") : r.get("record");
        out.add(new Query(g.get("name") + " / " + name, component, (String) r.get("expr")));
      }
    }
    return out;
  }

  static String substitute(String expr) {
    String s = expr;
    for (Map.Entry<String, String> v : GRAFANA_VARIABLES.entrySet()) {
      s = s.replace(v.getKey(), v.getValue());
    }
    if (s.contains("$")) {
      throw new IllegalStateException("a Grafana variable is left in " + expr + ": add it to GRAFANA_VARIABLES");
    }
    return s;
  }

  /** The dashboards by file stem. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> dashboards() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    try (Stream<Path> s = Files.list(ChartFixture.chartDir().resolve("dashboards"))) {
      for (Path p : s.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        out.put(p.getFileName().toString().replace(".json", ""), load(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> load(Path p) {
    try {
      return (Map<String, Object>) ChartFixture.yaml().load(Files.readString(p));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The metric names an expression selects (parsed with our PromQL parser; fails on a parse error). */
  static Set<String> metricNames(String expr) {
    Set<String> names = new TreeSet<>();
    collect(PromqlParser.parse(expr), names, expr);
    return names;
  }

  private static void collect(Expr e, Set<String> names, String expr) {
    if (e instanceof VectorSelector v) {
      names.add(name(v, expr));
    } else if (e instanceof MatrixSelector m) {
      names.add(name(m.selector(), expr));
    } else if (e instanceof SubqueryExpr s) {
      collect(s.expr(), names, expr);
    } else if (e instanceof Call c) {
      c.args().forEach(a -> collect(a, names, expr));
    } else if (e instanceof AggregateExpr a) {
      collect(a.expr(), names, expr);
      if (a.param() != null) {
        collect(a.param(), names, expr);
      }
    } else if (e instanceof BinaryExpr b) {
      collect(b.lhs(), names, expr);
      collect(b.rhs(), names, expr);
    } else if (e instanceof UnaryExpr u) {
      collect(u.expr(), names, expr);
    } else if (e instanceof ParenExpr p) {
      collect(p.inner(), names, expr);
    } else if (!(e instanceof NumberLiteral) && !(e instanceof StringLiteral)) {
      throw new IllegalStateException("unknown expression node " + e.getClass() + " in " + expr);
    }
  }

  private static String name(VectorSelector v, String expr) {
    if (v.name() != null && !v.name().isEmpty()) {
      return v.name();
    }
    for (Matcher m : v.matchers()) {
      if (m.name().equals("__name__") && m.type() == MatchType.EQUAL) {
        return m.value();
      }
    }
    throw new IllegalStateException("a selector without a fixed metric name in " + expr
        + ": the metric check cannot know what it reads");
  }
}
