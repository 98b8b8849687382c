package io.thanosjvm.promql.parser;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.promql.PromqlParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Invalid expressions fail with Prometheus' positioned messages (checked against promtool 2.42). */
class ParseErrorTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
      foo{                          | 1:5: parse error: unexpected end of input inside braces
      foo{a="b"                     | 1:10: parse error: unexpected end of input inside braces
      sum(foo) by                   | 1:12: parse error: unexpected end of input in grouping opts, expected "("
      rate(foo)                     | 1:6: parse error: expected type range vector in call to function "rate", got instant vector
      foo[5m] + 1                   | 1:1: parse error: binary expression must contain only scalar and instant vector types
      1 == 1                        | 1:3: parse error: comparisons between scalars must use BOOL modifier
      foo and 1                     | 1:1: parse error: set operator "and" not allowed in binary scalar expression
      sum(foo[5m])                  | 1:5: parse error: expected type instant vector in aggregation expression, got range vector
      unknownfn(foo)                | 1:1: parse error: unknown function with name "unknownfn"
      foo offset 5m offset 1m       | 1:1: parse error: offset may not be set multiple times
      {}                            | 1:1: parse error: vector selector must contain at least one non-empty matcher
      -"a"                          | 1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got "string"
      foo[5m:1m][1m]                | 1:11: parse error: ranges only allowed for vector selectors
      1 +                           | 1:4: parse error: unexpected end of input
      (foo                          | 1:5: parse error: unclosed left parenthesis
      topk(foo)                     | 1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1
      rate(foo[5m], 1)              | 1:1: parse error: expected 1 argument(s) in call to "rate", got 2
      foo @ start() @ end()         | 1:1: parse error: @ <timestamp> may not be set multiple times
      foo + on(a) group_left(a) bar | 1:5: parse error: label "a" must not occur in ON and GROUP clause at once
      foo and on(a) group_left(b) bar | 1:1: parse error: no grouping allowed for "and" operation
      1 + bool 2                    | 1:3: parse error: bool modifier can only be used on comparison operators
      sum by (a) (foo) by (b)       | 1:18: parse error: unexpected <by>
      foo[5m                        | 1:7: parse error: unclosed left bracket
      rate(foo[5m]                  | 1:13: parse error: unclosed left parenthesis
      ~"unterminated~               | 1:1: parse error: unterminated quoted string
      ~foo{a!"b"}~                  | 1:6: parse error: unexpected character after '!' inside braces: '"'
      5m                            | 1:1: parse error: unexpected duration "5m"
      foo offset                    | 1:11: parse error: unexpected end of input in offset, expected duration
      foo[5m] offset 1m [3m]        | 1:19: parse error: ranges only allowed for vector selectors
      foo)                          | 1:4: parse error: unexpected right parenthesis ')'
      sum(foo,)                     | 1:8: parse error: trailing commas not allowed in function call args
      foo{a="b",,}                  | 1:11: parse error: unexpected "," in label matching, expected identifier or "}"
      """)
  void reportsPrometheusStyleError(String query, String message) {
    assertThatThrownBy(() -> PromqlParser.parse(query))
        .isInstanceOf(PromqlParseException.class)
        .hasMessage(message);
  }

  @org.junit.jupiter.api.Test
  void absurdNestingIsATypedError() {
    String query = "(".repeat(100_000) + "1" + ")".repeat(100_000);
    assertThatThrownBy(() -> PromqlParser.parse(query)).isInstanceOf(PromqlParseException.class);
  }
}
