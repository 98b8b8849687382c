package io.thanosjvm.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names Thanos' mixin relies on for a component, read from the shared reference
 * ({@code thanos-facts.md} section 13): the families every HTTP/gRPC component and every bucket user exports, plus
 * the row of the component's table. Stands in for a running app only for components this build does not declare
 * yet (receive, rule); {@link MetricsCoverageIT} fails once they are declared, so that their real {@code /metrics}
 * replaces it.
 */
final class FactsMetricCatalogue {

  private static final Pattern NAME = Pattern.compile("`(_?[a-z][a-z0-9_]*)((?:/_[a-z_]+)*)(?:\\{[^`]*})?`");

  private FactsMetricCatalogue() {}

  /** The names for one component (its row is the table row starting with {@code | <row> |}). */
  static Set<String> names(String row) {
    String section = FactsFlagCatalogue.section("## 13. ");
    List<String> lines = new ArrayList<>();
    for (String line : section.split("\n")) {
      if (line.startsWith("**All HTTP/gRPC components**") || line.startsWith("**Object storage")
          || line.startsWith("`thanos_objstore") || line.startsWith("`grpc_") || line.startsWith("`http_")
          || line.startsWith("| " + row + " |")) {
        lines.add(line);
      }
    }
    // the common paragraphs wrap over several lines: take every line up to the table
    int table = section.indexOf("\n| component |");
    lines.add(section.substring(0, table < 0 ? section.length() : table));
    Set<String> names = new TreeSet<>();
    for (String line : lines) {
      String previous = null;
      Matcher m = NAME.matcher(line);
      while (m.find()) {
        String name = m.group(1);
        if (name.startsWith("_") && previous != null) {
          // "`thanos_x_errors_total`, `_other_total`": the same prefix, another suffix
          for (int i = previous.indexOf('_'); i > 0; i = previous.indexOf('_', i + 1)) {
            names.add(previous.substring(0, i) + name);
          }
          continue;
        }
        if (name.startsWith("_")) {
          continue;
        }
        names.add(name);
        if (!m.group(2).isEmpty()) {
          names.add(name.replaceAll("_(bucket|count|sum|total)$", "")); // the family of the listed series
        }
        for (String suffix : m.group(2).split("/")) {
          if (!suffix.isEmpty()) {
            names.add(name.replaceAll("_(bucket|count|sum|total)$", "") + suffix);
          }
        }
        previous = name;
      }
    }
    if (!names.contains("http_requests_total") || names.size() < 30) {
      throw new IllegalStateException("section 13 of " + FactsFlagCatalogue.factsFile() + " changed shape: " + names);
    }
    return names;
  }

  /** Whether a histogram or summary series of a listed family ({@code x_sum}, {@code x_count}, {@code x_bucket}). */
  static boolean covers(Set<String> names, String metric) {
    if (names.contains(metric)) {
      return true;
    }
    String family = metric.replaceAll("_(bucket|count|sum)$", "");
    return !family.equals(metric) && names.contains(family);
  }
}
