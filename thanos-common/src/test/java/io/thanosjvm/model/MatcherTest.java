package io.thanosjvm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MatcherTest {

  @Test
  void regexIsFullyAnchored() {
    Matcher m = Matcher.regex("job", "api");
    assertThat(m.matches("api")).isTrue();
    assertThat(m.matches("api-server")).isFalse();
    assertThat(Matcher.regex("job", "a.*").matches("xa")).isFalse();
    assertThat(Matcher.regex("job", "a.*|b").matches("b")).isTrue();
  }

  @Test
  void dotDoesNotMatchNewlineAsInGo() {
    assertThat(Matcher.regex("x", ".*").matches("a\nb")).isFalse();
    assertThat(Matcher.regex("x", "a.b").matches("a\rb")).isTrue();
  }

  @Test
  void emptyValueRules() {
    Labels without = Labels.of("a", "1");
    assertThat(Matcher.equal("foo", "").matches(without)).isTrue();
    assertThat(Matcher.notEqual("foo", "").matches(without)).isFalse();
    assertThat(Matcher.regex("foo", ".*").matchesEmpty()).isTrue();
    assertThat(Matcher.regex("foo", ".+").matchesEmpty()).isFalse();
    assertThat(Matcher.notRegex("foo", "").matches(Labels.of("foo", "x"))).isTrue();
  }

  @Test
  void literalAlternationsAreRecognised() {
    assertThat(Matcher.regex("a", "x|y|z").literalAlternatives()).containsExactlyInAnyOrder("x", "y", "z");
    assertThat(Matcher.regex("a", "x|y.*").literalAlternatives()).isNull();
    assertThat(Matcher.regex("a", "x|y|z").matches("y")).isTrue();
    assertThat(Matcher.notRegex("a", "x|y").matches("z")).isTrue();
  }

  @Test
  void invalidRegexIsATypedError() {
    assertThatThrownBy(() -> Matcher.regex("a", "(unclosed"))
        .isInstanceOf(InvalidMatcherException.class)
        .hasMessageContaining("invalid regular expression \"(unclosed\"");
  }

  @Test
  void printsLikePromql() {
    assertThat(Matcher.notRegex("job", "a\"b").toString()).isEqualTo("job!~\"a\\\"b\"");
    assertThat(MatchType.fromWire(2)).isEqualTo(MatchType.REGEX);
  }
}
