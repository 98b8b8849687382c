package io.thanosjvm.promql.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.promql.ast.Expr;
import io.thanosjvm.promql.parser.PromqlParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RandomPromqlTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void generatesParseableVariedExpressionsDeterministically() {
    List<String> first = generate(7, 2_000);
    assertThat(generate(7, 2_000)).isEqualTo(first);
    assertThat(generate(8, 2_000)).isNotEqualTo(first);
    for (String q : first) {
      Expr e = PromqlParser.parse(q);
      assertThat(PromqlParser.parse(e.toString())).as(q).isEqualTo(e);
    }
    Set<String> distinct = new HashSet<>(first);
    assertThat(distinct.size()).isGreaterThan(1_800);
    for (String feature : List.of("rate(", "histogram_quantile(", "topk", " @ ", " offset ", "group_left",
        "[10m:", "count_values", "label_replace", "demo_special_values", " by (", " without (", "scalar(")) {
      assertThat(first).as(feature).anyMatch(q -> q.contains(feature));
    }
  }

  @Test
  void keepsSpecialValuesOutOfOrderSensitiveAggregations() {
    for (String q : generate(11, 5_000)) {
      for (String agg : List.of("sum", "avg", "stddev", "stdvar", "quantile", "topk", "bottomk")) {
        int at = q.indexOf(agg + " (");
        if (at >= 0) {
          assertThat(q.substring(at)).as(q).doesNotStartWith(agg + " (demo_special_values");
        }
      }
    }
  }

  @Test
  void answersCompareByLabelSetAndValue() {
    String a = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
        + "{\"metric\":{\"a\":\"1\"},\"value\":[10,\"1.5\"]},{\"metric\":{\"a\":\"2\"},\"value\":[10,\"NaN\"]}]}}";
    String reordered = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
        + "{\"metric\":{\"a\":\"2\"},\"value\":[10,\"NaN\"]},{\"metric\":{\"a\":\"1\"},\"value\":[10,\"1.5000000000001\"]}]}}";
    String otherValue = a.replace("1.5", "1.6");
    String otherSeries = a.replace("\"2\"", "\"3\"");
    String error = "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"many-to-many\"}";
    String otherError = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}";
    assertThat(PromAnswers.difference(json(a), json(reordered))).isNull();
    assertThat(PromAnswers.difference(json(a), json(otherValue))).contains("1.6");
    assertThat(PromAnswers.difference(json(a), json(otherSeries))).startsWith("series");
    assertThat(PromAnswers.difference(json(a), json(error))).startsWith("status error");
    assertThat(PromAnswers.difference(json(error), json(error.replace("many", "few")))).isNull();
    assertThat(PromAnswers.difference(json(error), json(otherError))).startsWith("errorType bad_data");
    String scalar = "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[10,\"2\"]}}";
    assertThat(PromAnswers.difference(json(scalar), json(scalar.replace("[10", "[11")))).contains("timestamp");
    assertThat(PromAnswers.close("0", "1e-13")).isTrue();
    assertThat(PromAnswers.close("+Inf", "1e308")).isFalse();
  }

  private static JsonNode json(String s) {
    return JSON.readTree(s);
  }

  private static List<String> generate(long seed, int n) {
    RandomPromql gen = new RandomPromql(seed, PromDataSet.defaultStart(6));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(gen.next());
    }
    return out;
  }
}
