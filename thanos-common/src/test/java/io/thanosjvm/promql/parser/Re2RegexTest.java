package io.thanosjvm.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.promql.ast.VectorSelector;
import org.junit.jupiter.api.Test;

/** RE2 syntax that java.util.regex spells differently works in matchers (Go's regexp through RE2/J). */
class Re2RegexTest {

  private static Matcher matcher(String query) {
    VectorSelector vs = (VectorSelector) PromqlParser.parse(query);
    return vs.matchers().get(0);
  }

  @Test
  void namedGroupsInPythonSyntaxAreAccepted() {
    Matcher m = matcher("{a=~\"(?P<x>b+)c\"}");
    assertThat(m.matches("bbc")).isTrue();
    assertThat(m.matches("c")).isFalse();
    assertThat(m.toString()).isEqualTo("a=~\"(?P<x>b+)c\"");
  }

  @Test
  void posixClassesAreAccepted() {
    Matcher m = matcher("{a=~\"[[:digit:]]+[[:alpha:]]\"}");
    assertThat(m.matches("123x")).isTrue();
    assertThat(m.matches("x:")).isFalse();
  }

  @Test
  void dotDoesNotMatchNewlineAndRegexesAreAnchored() {
    Matcher m = matcher("{a=~\"x.*\"}");
    assertThat(m.matches(Labels.of("a", "xyz"))).isTrue();
    assertThat(m.matches("x\ny")).isFalse();
    assertThat(m.matches("axyz")).isFalse();
  }
}
