package io.thanosjvm.model;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Map;

/**
 * A regular expression with Go's {@code regexp} semantics, the engine of Prometheus and Thanos: RE2 syntax (no
 * backreferences, no lookaround; {@code (?P<name>…)}, POSIX classes, {@code \pL}), matching in time linear in the
 * input whatever the expression (RE2/J, a port of Go's package, so no crafted matcher can backtrack for minutes),
 * {@code .} not matching a newline, and Go's error texts ({@code error parsing regexp: …: `…`}).
 *
 * <p>Prometheus anchors label matchers, relabel regexes and {@code label_replace} as {@code ^(?:re)$}: see {@link
 * #anchored}. Replacement templates follow Go's {@code Regexp.Expand} ({@link Match#expand}, {@link #replaceAll}).
 */
public final class GoRegexp {

  private final String expr;
  private final Pattern pattern;

  private GoRegexp(String expr, Pattern pattern) {
    this.expr = expr;
    this.pattern = pattern;
  }

  /**
   * Go's {@code regexp.Compile(expr)}.
   *
   * @throws GoRegexpSyntaxException with Go's message when the expression is not valid RE2 syntax
   */
  public static GoRegexp compile(String expr) {
    // Go 1.19 (Prometheus 2.42) does not know the (?<name>…) spelling that RE2/J accepts.
    int lt = expr.indexOf("(?<");
    if (lt >= 0 && !isEscaped(expr, lt)) {
      throw new GoRegexpSyntaxException("invalid or unsupported Perl syntax", "(?<");
    }
    try {
      return new GoRegexp(expr, Pattern.compile(expr));
    } catch (PatternSyntaxException e) {
      if (e.getDescription().equals("duplicate capture group name")) {
        // Go (1.19, Prometheus 2.42) allows repeated names; a name refers to its first group. Later groups of the
        // same name become unnamed: same numbering, same lookup.
        return new GoRegexp(expr, Pattern.compile(withoutRepeatedNames(expr)));
      }
      if (e.getPattern().equals("stack underflow")) {
        // RE2/J reports an unopened ')' as an internal error; Go says "unexpected )" with the whole expression.
        throw new GoRegexpSyntaxException("unexpected )", expr);
      }
      throw new GoRegexpSyntaxException(e.getDescription(), e.getPattern());
    }
  }

  /** {@code expr} with every {@code (?P<name>} whose name appeared before turned into a plain {@code (}. */
  private static String withoutRepeatedNames(String expr) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    StringBuilder out = new StringBuilder(expr.length());
    boolean inClass = false;
    for (int i = 0; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (c == '\\' && i + 1 < expr.length()) {
        out.append(c).append(expr.charAt(++i));
        continue;
      }
      if (inClass) {
        inClass = c != ']';
        out.append(c);
        continue;
      }
      if (c == '[') {
        inClass = true;
        out.append(c);
        // a ']' right after '[' or '[^' is a literal
        if (i + 1 < expr.length() && expr.charAt(i + 1) == '^') {
          out.append(expr.charAt(++i));
        }
        if (i + 1 < expr.length() && expr.charAt(i + 1) == ']') {
          out.append(expr.charAt(++i));
        }
        continue;
      }
      int close = expr.startsWith("(?P<", i) ? expr.indexOf('>', i) : -1;
      if (close > 0 && !seen.add(expr.substring(i + 4, close))) {
        out.append('(');
        i = close;
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }

  /** Prometheus' anchoring, {@code regexp.Compile("^(?:" + expr + ")$")}: matches the whole value only. */
  public static GoRegexp anchored(String expr) {
    return compile("^(?:" + expr + ")$");
  }

  private static boolean isEscaped(String s, int at) {
    int backslashes = 0;
    for (int i = at - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  /** The expression as compiled (with the anchors for {@link #anchored}). */
  public String expr() {
    return expr;
  }

  /** Whether the expression matches somewhere in {@code s} (Go's {@code MatchString}). */
  public boolean find(CharSequence s) {
    return pattern.matcher(s).find();
  }

  /** Whether the expression matches all of {@code s}; for an {@link #anchored} one the same as {@link #find}. */
  public boolean matchesWhole(CharSequence s) {
    return pattern.matcher(s).matches();
  }

  /** The match of the whole of {@code s} with its submatches, or null when the expression does not match it all. */
  public Match matchWhole(String s) {
    Matcher m = pattern.matcher(s);
    return m.matches() ? new Match(m) : null;
  }

  /** A successful match, for expanding replacement templates with its submatches. */
  public final class Match {

    private final Matcher m;

    private Match(Matcher m) {
      this.m = m;
    }

    /**
     * Go's {@code Regexp.ExpandString}: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}} (the longest run
     * of letters, digits and underscores, so {@code $1x} is the group named {@code 1x}), {@code $$} is a dollar;
     * an unknown or unmatched group expands to "", a malformed reference keeps its {@code $}.
     */
    public String expand(String template) {
      StringBuilder out = new StringBuilder(template.length() + 16);
      GoRegexp.this.expand(out, m, template);
      return out.toString();
    }
  }

  private void expand(StringBuilder out, Matcher m, String template) {
    int i = 0;
    int n = template.length();
    while (i < n) {
      int dollar = template.indexOf('$', i);
      if (dollar < 0) {
        break;
      }
      out.append(template, i, dollar);
      i = dollar + 1;
      if (i < n && template.charAt(i) == '$') {
        out.append('$');
        i++;
        continue;
      }
      boolean brace = i < n && template.charAt(i) == '{';
      int start = brace ? i + 1 : i;
      int end = start;
      while (end < n) {
        int cp = template.codePointAt(end);
        if (!Character.isLetterOrDigit(cp) && cp != '_') {
          break;
        }
        end += Character.charCount(cp);
      }
      if (end == start || brace && (end >= n || template.charAt(end) != '}')) {
        out.append('$'); // malformed: the dollar is text
        continue;
      }
      out.append(group(m, template.substring(start, end)));
      i = brace ? end + 1 : end;
    }
    out.append(template, i, n);
  }

  private String group(Matcher m, String name) {
    int index = groupNumber(name);
    if (index < 0) {
      Integer named = pattern.namedGroups().get(name);
      index = named == null ? -1 : named;
    }
    if (index < 0 || index > m.groupCount()) {
      return "";
    }
    String g = m.group(index);
    return g == null ? "" : g;
  }

  /** Go's rule: all digits, below 1e8, no leading zero; else -1 (a name). */
  private static int groupNumber(String name) {
    if (name.length() > 1 && name.charAt(0) == '0') {
      return -1;
    }
    int num = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9' || num >= 100_000_000) {
        return -1;
      }
      num = num * 10 + (c - '0');
    }
    return num;
  }

  /**
   * Go's {@code Regexp.ReplaceAllString}: every match replaced by the expanded template; after an empty match the
   * search moves on by one character, and an empty match right after a previous match is not replaced.
   */
  public String replaceAll(String src, String template) {
    Matcher m = pattern.matcher(src);
    StringBuilder out = new StringBuilder(src.length() + 16);
    int lastMatchEnd = 0;
    int searchPos = 0;
    int end = src.length();
    while (searchPos <= end && m.find(searchPos)) {
      int a0 = m.start();
      int a1 = m.end();
      out.append(src, lastMatchEnd, a0);
      if (a1 > lastMatchEnd || a0 == 0) {
        expand(out, m, template);
      }
      lastMatchEnd = a1;
      int width = searchPos < end ? Character.charCount(src.codePointAt(searchPos)) : 0;
      if (searchPos + width > a1) {
        searchPos += width;
      } else if (searchPos + 1 > a1) {
        searchPos++;
      } else {
        searchPos = a1;
      }
    }
    out.append(src, Math.min(lastMatchEnd, end), end);
    return out.toString();
  }

  /** The named groups and their numbers. */
  public Map<String, Integer> namedGroups() {
    return pattern.namedGroups();
  }

  @Override
  public String toString() {
    return expr;
  }
}
