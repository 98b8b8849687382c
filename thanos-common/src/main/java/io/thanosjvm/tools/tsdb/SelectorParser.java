package io.thanosjvm.tools.tsdb;

import io.thanosjvm.model.Matcher;
import io.thanosjvm.promql.PromqlParseException;
import io.thanosjvm.promql.parser.PromqlParser;
import java.util.List;

/**
 * Parses {@code tsdb dump --match} selectors such as {@code metric{a="b", c=~"d.*"}}, {@code {__name__=~'x'}}
 * or a bare metric name with the PromQL parser ({@link PromqlParser#parseMetricSelector}, like promtool's
 * {@code parser.ParseMetricSelector}); offsets, ranges and functions are rejected.
 */
public final class SelectorParser {

  private SelectorParser() {}

  /**
   * Parses a selector.
   *
   * @throws IllegalArgumentException with the PromQL parser's positioned message
   */
  public static List<Matcher> parse(String selector) {
    try {
      return PromqlParser.parseMetricSelector(selector);
    } catch (PromqlParseException e) {
      throw new IllegalArgumentException("invalid selector " + selector + ": " + e.getMessage(), e);
    }
  }
}
