package io.thanosjvm.compact.rewrite;

import io.thanosjvm.promql.PromqlParseException;
import io.thanosjvm.promql.ast.Expr;
import io.thanosjvm.promql.ast.VectorSelector;
import io.thanosjvm.promql.parser.PromqlParser;
import io.thanosjvm.tsdb.Tombstones;
import io.thanosjvm.yaml.YamlConfig;
import io.thanosjvm.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code --rewrite.to-delete-config}: a YAML list of Thanos deletion requests, each {@code matchers} (a series
 * selector such as {@code '{__name__="secret_total", job="x"}'}), optional {@code intervals} ({@code [{mint, maxt}]}
 * in ms) and optional {@code request_id}. Unknown keys and selectors that do not parse are errors naming the item.
 */
public final class DeletionConfigParser {

  private DeletionConfigParser() {}

  /**
   * The requests of the YAML text.
   *
   * @throws IllegalArgumentException naming the item and the problem
   */
  public static List<DeletionRequest> parse(String yaml) {
    YamlConfig config = new YamlConfig("rewrite.to-delete-config", IllegalArgumentException::new);
    List<DeletionRequest> out = new ArrayList<>();
    for (YamlNode item : config.parseList(yaml, "matchers and optional intervals")) {
      String selector = item.requiredString("matchers");
      VectorSelector vs = selector(item, selector);
      List<Tombstones.Interval> intervals = new ArrayList<>();
      for (YamlNode iv : item.children("intervals")) {
        long mint = iv.number("mint", Long.MIN_VALUE);
        long maxt = iv.number("maxt", Long.MAX_VALUE);
        if (mint > maxt) {
          throw iv.error("mint", "mint " + mint + " is after maxt " + maxt);
        }
        iv.finish();
        intervals.add(new Tombstones.Interval(mint, maxt));
      }
      String requestId = item.string("request_id", "");
      item.finish();
      out.add(new DeletionRequest(selector, vs.matchers(), intervals, requestId));
    }
    return out;
  }

  private static VectorSelector selector(YamlNode item, String selector) {
    Expr e;
    try {
      e = PromqlParser.parse(selector);
    } catch (PromqlParseException x) {
      throw item.error("matchers", x.getMessage());
    }
    if (!(e instanceof VectorSelector vs) || vs.offsetMillis() != 0 || vs.at() != null) {
      throw item.error("matchers", "\"" + selector + "\" is not a series selector");
    }
    return vs;
  }
}
