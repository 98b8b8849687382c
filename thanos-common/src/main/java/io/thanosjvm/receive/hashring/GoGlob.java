package io.thanosjvm.receive.hashring;

/**
 * Go's {@code path/filepath.Match} on Unix, which Thanos uses for glob tenant matching: {@code *} matches any run of
 * characters other than {@code /}, {@code ?} one such character, {@code [a-z]} / {@code [^a-z]} a class,
 * {@code \} escapes. A malformed pattern is an error, as in Go.
 */
final class GoGlob {

  private GoGlob() {}

  /**
   * Whether {@code name} matches {@code pattern} entirely.
   *
   * @throws IllegalArgumentException for a malformed pattern ("syntax error in pattern")
   */
  static boolean matches(String pattern, String name) {
    validate(pattern);
    return match(pattern.codePoints().toArray(), 0, name.codePoints().toArray(), 0);
  }

  private static boolean match(int[] p, int pi, int[] s, int si) {
    while (pi < p.length) {
      int c = p[pi];
      if (c == '*') {
        while (pi < p.length && p[pi] == '*') {
          pi++;
        }
        for (int k = si; k <= s.length; k++) {
          if (match(p, pi, s, k)) {
            return true;
          }
          if (k < s.length && s[k] == '/') {
            return false;
          }
        }
        return false;
      }
      if (si >= s.length) {
        return false;
      }
      if (c == '?') {
        if (s[si] == '/') {
          return false;
        }
        pi++;
      } else if (c == '[') {
        int end = classEnd(p, pi);
        if (!inClass(p, pi + 1, end, s[si])) {
          return false;
        }
        pi = end + 1;
      } else {
        if (c == '\\') {
          pi++;
          c = p[pi];
        }
        if (s[si] != c) {
          return false;
        }
        pi++;
      }
      si++;
    }
    return si == s.length;
  }

  /** Index of the ']' closing the class that opens at {@code open}. */
  private static int classEnd(int[] p, int open) {
    int i = open + 1;
    if (i < p.length && p[i] == '^') {
      i++;
    }
    boolean first = true;
    while (i < p.length) {
      if (p[i] == ']' && !first) {
        return i;
      }
      if (p[i] == '\\') {
        i++;
      }
      i++;
      first = false;
    }
    throw badPattern();
  }

  private static boolean inClass(int[] p, int from, int end, int ch) {
    boolean negated = p[from] == '^';
    int i = negated ? from + 1 : from;
    boolean matched = false;
    while (i < end) {
      int lo = p[i] == '\\' ? p[++i] : p[i];
      i++;
      int hi = lo;
      if (i < end && p[i] == '-') {
        i++;
        if (i >= end) {
          throw badPattern();
        }
        hi = p[i] == '\\' ? p[++i] : p[i];
        i++;
      }
      if (lo <= ch && ch <= hi) {
        matched = true;
      }
    }
    if (ch == '/') {
      return false;
    }
    return matched != negated;
  }

  private static void validate(String pattern) {
    int[] p = pattern.codePoints().toArray();
    for (int i = 0; i < p.length; i++) {
      if (p[i] == '\\') {
        if (++i >= p.length) {
          throw badPattern();
        }
      } else if (p[i] == '[') {
        int end = classEnd(p, i);
        if (end == i + 1 || (p[i + 1] == '^' && end == i + 2)) {
          throw badPattern();
        }
        i = end;
      } else if (p[i] == ']') {
        // a lone ']' is a literal in Go
        continue;
      }
    }
  }

  private static IllegalArgumentException badPattern() {
    return new IllegalArgumentException("syntax error in pattern");
  }
}
