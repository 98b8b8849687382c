package io.thanosjvm.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.promql.ast.Expr;
import io.thanosjvm.promql.script.ScriptCommand;
import io.thanosjvm.promql.script.ScriptParser;
import io.thanosjvm.promql.script.SharedDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** parse(print(e)) equals e for every expression of the conformance scripts and for tricky syntax. */
class PrinterRoundTripTest {

  private static void assertRoundTrips(String query) {
    Expr e = PromqlParser.parse(query);
    String printed = e.toString();
    Expr again = PromqlParser.parse(printed);
    assertThat(again).as("%s printed as %s", query, printed).isEqualTo(e);
    assertThat(again.toString()).isEqualTo(printed);
  }

  @Test
  void everyScriptExpressionRoundTrips() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(SharedDir.locate().resolve("promql-testdata/v2.42"))) {
      s.filter(p -> p.toString().endsWith(".test")).forEach(files::add);
    }
    try (Stream<Path> s = Files.list(Path.of("src/test/resources/promql"))) {
      s.filter(p -> p.toString().endsWith(".test")).forEach(files::add);
    }
    int count = 0;
    for (Path f : files) {
      for (ScriptCommand c : ScriptParser.parse(Files.readString(f))) {
        if (c instanceof ScriptCommand.Eval e) {
          assertRoundTrips(e.expr());
          count++;
        }
      }
    }
    assertThat(count).isGreaterThan(560);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "1", "-1", "+1", "1e+06", "0x1F", ".5", "5.", "Inf", "-Inf", "NaN", "1e-07", "123456789012345678901234",
      "\"a\\nb\\\"c\"", "'single'", "`raw\\n`", "\"\\u00e9\\x41\"",
      "foo", "foo{a=\"b\", c!=\"d\", e=~\"f.*\", g!~\"h\"}", "{__name__=\"foo\", a=\"b\"}", "{__name__=~\"a|b\"}",
      "foo{a=\"b\",}", "foo[5m]", "foo[1h30m]", "foo offset 5m", "foo offset -5m", "foo[5m] offset 1w",
      "foo @ 100", "foo @ -100.5", "foo @ start()", "foo @ end() offset 1m", "foo[5m] @ 123.456 offset 1m",
      "rate(foo[5m])[30m:1m]", "rate(foo[5m])[30m:]", "max_over_time(rate(foo[5m])[30m:] @ 100 offset 5m)",
      "a + b * c", "(a + b) * c", "a ^ b ^ c", "(a ^ b) ^ c", "-a ^ b", "-(a) ^ b", "a - -b", "2 ^ -1",
      "a == bool b", "a > on (x, y) b", "a / ignoring (x) group_left (y) b", "a * on () group_right () b",
      "a * ignoring () group_left () b", "a and b or c unless d", "a atan2 b", "1 < bool 2",
      "sum(foo)", "sum by (a, b) (foo)", "sum without (a) (foo)", "sum(foo) by (a)", "topk(3, foo)",
      "count_values(\"v\", foo)", "quantile by (le) (0.9, foo)", "sum by () (foo)",
      "label_replace(foo, \"a\", \"$1\", \"b\", \"(.*)\")", "label_join(foo, \"a\", \",\", \"b\", \"c\", \"d\")",
      "round(foo)", "round(foo, 5)", "day_of_month()", "time()", "vector(1)", "scalar(foo)",
      "histogram_quantile(0.9, sum by (le) (rate(h_bucket[5m])))", "sum by (job) (rate(x[5m]))",
      "foo # comment", "SUM BY (a) (foo)", "sum(foo) BY (a)", "by{a=\"b\"}", "on", "x:y:z{a=\"b\"}"})
  void trickyExpressionsRoundTrip(String query) {
    assertRoundTrips(query);
  }

  @Test
  void numberSignIsFoldedIntoLiterals() {
    assertThat(PromqlParser.parse("-1")).isEqualTo(new io.thanosjvm.promql.ast.NumberLiteral(-1));
    assertThat(PromqlParser.parse("-1 ^ 2").toString()).isEqualTo("-1 ^ 2");
    assertThat(PromqlParser.parse("-1 ^ 2")).isInstanceOf(io.thanosjvm.promql.ast.UnaryExpr.class);
  }

  @Test
  void durationsPrintLikePrometheus() {
    assertThat(PromqlParser.parse("foo[90m]").toString()).isEqualTo("foo[1h30m]");
    assertThat(PromqlParser.parse("foo[14d]").toString()).isEqualTo("foo[2w]");
    assertThat(PromqlParser.parse("foo[1500ms]").toString()).isEqualTo("foo[1s500ms]");
    assertThat(PromqlParser.parse("foo @ 1.5").toString()).isEqualTo("foo @ 1.500");
  }
}
