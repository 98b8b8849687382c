package io.thanosjvm.tools.tsdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.model.Matcher;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectorParserTest {

  @Test
  void parsesMetricNamesMatchersAndAllQuoteStyles() {
    assertThat(SelectorParser.parse("up")).containsExactly(Matcher.equal("__name__", "up"));
    assertThat(SelectorParser.parse(" rate:x{a=\"b\", c!='d',e=~`f.*`, g!~\"h\\\"\\n\",} "))
        .containsExactly(Matcher.equal("__name__", "rate:x"), Matcher.equal("a", "b"), Matcher.notEqual("c", "d"),
            Matcher.regex("e", "f.*"), Matcher.notRegex("g", "h\"\n"));
    List<Matcher> def = SelectorParser.parse("{__name__=~'(?s:.*)'}");
    assertThat(def.get(0).matches("anything\nat all")).isTrue();
    assertThat(SelectorParser.parse("{a=\"\\u00e4\\x41\"}")).containsExactly(Matcher.equal("a", "äA"));
  }

  @Test
  void rejectsMalformedSelectors() {
    for (String bad : new String[] {"", "{", "{a}", "{a=b}", "{a=\"b\"", "up[5m]", "{a==\"b\"}", "{1a=\"x\"}",
        "{a=~\"(\"}", "{a=\"\\q\"}"}) {
      assertThatThrownBy(() -> SelectorParser.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
