package io.thanosjvm.model;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A label matcher with Prometheus semantics.
 *
 * <p>Regular expressions are Go's ({@link GoRegexp}: RE2 syntax, linear-time matching), fully anchored ({@code
 * ^(?:re)$}), and {@code .} does not match a newline. A missing label has the value {@code ""}: {@code foo=""}
 * matches series without {@code foo}, and {@code foo!=""} selects series that have it. Literal regexes and alternations of
 * literals ({@code a|b|c}) and {@code .*literal.*}-style prefix, suffix and substring tests are matched without the
 * regex engine (the expression is still compiled, so its errors are Go's).
 */
public final class Matcher {

  /** A compiled value test. Implementations must be thread-safe. */
  @FunctionalInterface
  public interface Predicate {
    /** Whether the value satisfies the test. */
    boolean test(String v);
  }

  private final MatchType type;
  private final String name;
  private final String value;
  private final Predicate predicate;

  private Matcher(MatchType type, String name, String value) {
    this.type = Objects.requireNonNull(type, "type");
    this.name = Objects.requireNonNull(name, "name");
    this.value = Objects.requireNonNull(value, "value");
    this.predicate = compile(type, value);
  }

  /**
   * Creates and compiles a matcher.
   *
   * @throws InvalidMatcherException when a regular expression does not compile
   */
  public static Matcher of(MatchType type, String name, String value) {
    return new Matcher(type, name, value);
  }

  /** The match kind. */
  public MatchType type() {
    return type;
  }

  /** The label name. */
  public String name() {
    return name;
  }

  /** The value or regular expression. */
  public String value() {
    return value;
  }

  /** {@code name="value"} */
  public static Matcher equal(String name, String value) {
    return of(MatchType.EQUAL, name, value);
  }

  /** {@code name!="value"} */
  public static Matcher notEqual(String name, String value) {
    return of(MatchType.NOT_EQUAL, name, value);
  }

  /** {@code name=~"regex"} */
  public static Matcher regex(String name, String regex) {
    return of(MatchType.REGEX, name, regex);
  }

  /** {@code name!~"regex"} */
  public static Matcher notRegex(String name, String regex) {
    return of(MatchType.NOT_REGEX, name, regex);
  }

  /** Whether {@code v} (use "" for a missing label) satisfies this matcher. */
  public boolean matches(String v) {
    return predicate.test(v);
  }

  /** Whether this matcher matches the given label set (a missing label counts as ""). */
  public boolean matches(Labels labels) {
    return predicate.test(labels.get(name));
  }

  /** Whether a series without this label is selected. */
  public boolean matchesEmpty() {
    return predicate.test("");
  }

  /** For regex matchers: the literal alternatives when the regex is a plain alternation, else null. */
  public Set<String> literalAlternatives() {
    if (type != MatchType.REGEX && type != MatchType.NOT_REGEX) {
      return null;
    }
    return splitLiteralAlternation(value);
  }

  /**
   * For regex matchers: a literal prefix every matching value starts with ("" when there is none), so a sorted
   * list of values can be searched from the prefix instead of scanned whole. Conservative: any alternation gives "".
   */
  public String literalPrefix() {
    return type != MatchType.REGEX && type != MatchType.NOT_REGEX ? "" : literalPrefix(value);
  }

  private static String literalPrefix(String value) {
    if (value.indexOf('|') >= 0) {
      return "";
    }
    int i = 0;
    while (i < value.length() && ".+*?()[]{}^$\\".indexOf(value.charAt(i)) < 0) {
      i++;
    }
    if (i < value.length() && "*?{".indexOf(value.charAt(i)) >= 0) {
      i--; // the last literal is optional or repeated
    }
    return i <= 0 ? "" : value.substring(0, i);
  }

  private static Predicate compile(MatchType type, String value) {
    return switch (type) {
      case EQUAL -> value::equals;
      case NOT_EQUAL -> v -> !value.equals(v);
      case REGEX -> regexPredicate(value);
      case NOT_REGEX -> {
        Predicate p = regexPredicate(value);
        yield v -> !p.test(v);
      }
    };
  }

  private static Predicate regexPredicate(String re) {
    GoRegexp compiled;
    try {
      compiled = GoRegexp.anchored(re);
    } catch (GoRegexpSyntaxException e) {
      throw new InvalidMatcherException(e.getMessage(), e);
    }
    Set<String> literals = splitLiteralAlternation(re);
    if (literals != null) {
      if (literals.size() == 1) {
        String only = literals.iterator().next();
        return only::equals;
      }
      return literals::contains;
    }
    Predicate fast = literalAround(re, compiled);
    if (fast != null) {
      return fast;
    }
    String prefix = literalPrefix(re);
    return prefix.isEmpty() ? compiled::matchesWhole : v -> v.startsWith(prefix) && compiled.matchesWhole(v);
  }

  /**
   * {@code .*lit.*}, {@code lit.*}, {@code .*lit}, {@code .+lit} ... (a plain literal between optional {@code .*}
   * or {@code .+}) as string tests, or null for any other expression. {@code .} never matches a newline: values
   * holding one go to the regex engine.
   */
  private static Predicate literalAround(String re, GoRegexp compiled) {
    int before = wildcard(re, true);
    String rest = before == 0 ? re : re.substring(2);
    int after = wildcard(rest, false);
    rest = after == 0 ? rest : rest.substring(0, rest.length() - 2);
    if (before == 0 && after == 0 || !isPlainLiteral(rest)) {
      return null;
    }
    String lit = rest;
    int minBefore = before == 2 ? 1 : 0;
    int minAfter = after == 2 ? 1 : 0;
    return v -> {
      if (v.indexOf('\n') >= 0) {
        return compiled.matchesWhole(v);
      }
      if (before == 0) {
        return v.startsWith(lit) && v.length() - lit.length() >= minAfter;
      }
      if (after == 0) {
        return v.endsWith(lit) && v.length() - lit.length() >= minBefore;
      }
      int at = v.indexOf(lit, minBefore);
      return at >= 0 && v.length() - at - lit.length() >= minAfter;
    };
  }

  /** 1 for {@code .*}, 2 for {@code .+} at the start (or end) of {@code s}, else 0. */
  private static int wildcard(String s, boolean atStart) {
    if (s.length() < 2) {
      return 0;
    }
    String w = atStart ? s.substring(0, 2) : s.substring(s.length() - 2);
    if (!atStart && s.length() >= 3 && s.charAt(s.length() - 3) == '\\') {
      return 0;
    }
    return w.equals(".*") ? 1 : w.equals(".+") ? 2 : 0;
  }

  private static boolean isPlainLiteral(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (".+*?()[]{}^$\\|".indexOf(s.charAt(i)) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** Splits {@code a|b|c} when every alternative is a plain literal; null otherwise. */
  static Set<String> splitLiteralAlternation(String re) {
    Set<String> out = new HashSet<>();
    int start = 0;
    for (int i = 0; i <= re.length(); i++) {
      if (i == re.length() || re.charAt(i) == '|') {
        out.add(re.substring(start, i));
        start = i + 1;
      } else if (".+*?()[]{}^$\\".indexOf(re.charAt(i)) >= 0) {
        return null;
      }
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matcher m && m.type == type && m.name.equals(name) && m.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, name, value);
  }

  /** PromQL rendering: {@code name="value"}. */
  @Override
  public String toString() {
    return name + type.operator() + PromStrings.quote(value);
  }
}
