package io.thanosjvm.promql.parser;

import io.thanosjvm.promql.ast.AggregateOp;
import java.util.Locale;
import java.util.Set;

/** PromQL keywords (case-insensitive). */
final class Keywords {

  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "atan2", "offset", "by", "without",
      "on", "ignoring", "group_left", "group_right", "bool", "start", "end");

  private Keywords() {}

  static boolean is(String ident, String keyword) {
    return ident.equalsIgnoreCase(keyword);
  }

  static String describe(String ident) {
    String l = ident.toLowerCase(Locale.ROOT);
    if (KEYWORDS.contains(l)) {
      return switch (l) {
        case "and", "or", "unless", "atan2" -> l;
        default -> l;
      };
    }
    if (AggregateOp.byName(l) != null) {
      return "aggregation " + l;
    }
    return "identifier " + io.thanosjvm.model.PromStrings.quote(ident);
  }
}
