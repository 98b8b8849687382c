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
        .hasMessage("error parsing regexp: missing closing ): `^(?:(unclosed)$`");
  }

  @Test
  void printsLikePromql() {
    assertThat(Matcher.notRegex("job", "a\"b").toString()).isEqualTo("job!~\"a\\\"b\"");
    assertThat(MatchType.fromWire(2)).isEqualTo(MatchType.REGEX);
  }

  @Test
  void literalPrefixIsSharedByEveryMatchingValue() {
    assertThat(Matcher.regex("i", "host-0.10.*").literalPrefix()).isEqualTo("host-0");
    assertThat(Matcher.regex("i", "abc*").literalPrefix()).isEqualTo("ab");
    assertThat(Matcher.regex("i", "abc+").literalPrefix()).isEqualTo("abc");
    assertThat(Matcher.regex("i", "ab?c").literalPrefix()).isEqualTo("a");
    assertThat(Matcher.regex("i", "a{2}").literalPrefix()).isEmpty();
    assertThat(Matcher.regex("i", "ab|ac").literalPrefix()).isEmpty();
    assertThat(Matcher.regex("i", "(?i)abc").literalPrefix()).isEmpty();
    assertThat(Matcher.regex("i", ".*").literalPrefix()).isEmpty();
    assertThat(Matcher.equal("i", "abc").literalPrefix()).isEmpty();
    for (String v : new String[] {"host-0a10b", "host-0x10", "ab", "abcc"}) {
      for (String re : new String[] {"host-0.10.*", "abc*", "abc+"}) {
        Matcher m = Matcher.regex("i", re);
        if (m.matches(v)) {
          assertThat(v).startsWith(m.literalPrefix());
        }
      }
    }
  }
}
