package io.thanosjvm.model;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A label matcher with Prometheus semantics.
 *
 * <p>Regular expressions are fully anchored ({@code ^(?:re)$}), and {@code .} does not match a newline,
 * as with Go's RE2. A missing label has the value {@code ""}: {@code foo=""} matches series without
 * {@code foo}, and {@code foo!=""} selects series that have it. Literal regexes and alternations of
 * literals ({@code a|b|c}) are matched without the regex engine.
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
    if (type != MatchType.REGEX && type != MatchType.NOT_REGEX || value.indexOf('|') >= 0) {
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
    Set<String> literals = splitLiteralAlternation(re);
    if (literals != null) {
      if (literals.size() == 1) {
        String only = literals.iterator().next();
        return only::equals;
      }
      return literals::contains;
    }
    if (re.equals(".*")) {
      return v -> v.indexOf('\n') < 0;
    }
    if (re.equals(".+")) {
      return v -> !v.isEmpty() && v.indexOf('\n') < 0;
    }
    Pattern p;
    try {
      p = Pattern.compile("(?:" + Re2Syntax.toJava(re) + ")", Pattern.UNIX_LINES);
    } catch (PatternSyntaxException e) {
      throw new InvalidMatcherException("invalid regular expression " + PromStrings.quote(re) + ": "
          + e.getDescription(), e);
    }
    return v -> p.matcher(v).matches();
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
