package io.thanosjvm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Go's regexp semantics: syntax and errors, {@code Expand}, {@code ReplaceAllString} and linear-time matching. */
class GoRegexpTest {

  /** Counts how often the engine reads the input: the work it does, independent of the machine. */
  private static final class CountingInput implements CharSequence {
    private final String s;
    long reads;

    CountingInput(String s) {
      this.s = s;
    }

    @Override
    public int length() {
      return s.length();
    }

    @Override
    public char charAt(int index) {
      reads++;
      return s.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return s.subSequence(start, end);
    }

    @Override
    public String toString() {
      return s;
    }
  }

  @Test
  void pathologicalExpressionsReadTheInputALinearNumberOfTimes() {
    // (a|a)*b backtracks 2^n ways in java.util.regex; Go's (and RE2/J's) automaton reads each position a bounded
    // number of times. The work per character must not grow with the input length.
    for (String expr : new String[] {"(a|a)*b", "(a*)*b", "(a+)+b", "(.*a){12}b", "(a+a+)+y"}) {
      GoRegexp re = GoRegexp.anchored(expr);
      double perCharShort = readsPerChar(re, 1_000);
      double perCharLong = readsPerChar(re, 16_000);
      assertThat(perCharLong).as(expr).isLessThanOrEqualTo(perCharShort * 1.5 + 1);
      assertThat(perCharLong).as(expr).isLessThan(200);
    }
  }

  private static double readsPerChar(GoRegexp re, int n) {
    CountingInput in = new CountingInput("a".repeat(n) + "x".repeat(n / 10));
    assertThat(re.matchesWhole(in)).isFalse();
    return (double) in.reads / in.length();
  }

  @Test
  void errorsAreGos() {
    assertThatThrownBy(() -> GoRegexp.anchored("(?=x)")).isInstanceOf(GoRegexpSyntaxException.class)
        .hasMessage("error parsing regexp: invalid or unsupported Perl syntax: `(?=`");
    assertThatThrownBy(() -> GoRegexp.anchored("(?<n>x)"))
        .hasMessage("error parsing regexp: invalid or unsupported Perl syntax: `(?<`");
    assertThatThrownBy(() -> GoRegexp.anchored("(a)\\1"))
        .hasMessage("error parsing regexp: invalid escape sequence: `\\1`");
    assertThatThrownBy(() -> GoRegexp.anchored("x{1001}"))
        .hasMessage("error parsing regexp: invalid repeat count: `{1001}`");
    assertThatThrownBy(() -> GoRegexp.anchored("(unclosed"))
        .hasMessage("error parsing regexp: missing closing ): `^(?:(unclosed)$`");
    assertThat(GoRegexp.anchored("\\(?<n>x").matchesWhole("(<n>x")).isTrue();
  }

  @Test
  void re2SyntaxJavaSpellsDifferentlyWorks() {
    assertThat(GoRegexp.anchored("(?P<x>b+)c").matchesWhole("bbc")).isTrue();
    assertThat(GoRegexp.anchored("[[:digit:]]+[[:alpha:]]").matchesWhole("12x")).isTrue();
    assertThat(GoRegexp.anchored("\\pL+").matchesWhole("日本")).isTrue();
    assertThat(GoRegexp.anchored(".*").matchesWhole("a\nb")).isFalse();
    assertThat(GoRegexp.anchored("(?s).*").matchesWhole("a\nb")).isTrue();
  }

  @Test
  void expandFollowsGosRules() {
    GoRegexp re = GoRegexp.anchored("(?P<first>a+)(b*)(c)?");
    GoRegexp.Match m = re.matchWhole("aab");
    assertThat(m.expand("$1-$2-$3-$0")).isEqualTo("aa-b--aab");
    assertThat(m.expand("${1}x $1x")).isEqualTo("aax "); // $1x is the (unknown) group named 1x
    assertThat(m.expand("$first/${first}/$$1/$")).isEqualTo("aa/aa/$1/$");
    assertThat(m.expand("${first")).isEqualTo("${first"); // malformed: the dollar stays text
    assertThat(m.expand("$01 $9")).isEqualTo(" "); // leading zero is a name; no group 9
    assertThat(re.matchWhole("bbb")).isNull();
  }

  @Test
  void repeatedGroupNamesAreAllowedAndNameTheFirst() {
    GoRegexp re = GoRegexp.anchored("(?P<n>a)(?P<n>b)[(?P<n>]");
    assertThat(re.matchWhole("abn").expand("$n$2$n")).isEqualTo("aba");
  }

  @Test
  void replaceAllFollowsGosEmptyMatchRule() {
    assertThat(GoRegexp.compile("a*").replaceAll("baaac", "X")).isEqualTo("XbXcX");
    assertThat(GoRegexp.compile("(\\w+)@(\\w+)").replaceAll("me@host you@there", "$2:$1"))
        .isEqualTo("host:me there:you");
    assertThat(GoRegexp.compile("").replaceAll("日本", "-")).isEqualTo("-日-本-");
  }
}
