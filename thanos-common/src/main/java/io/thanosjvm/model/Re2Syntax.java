package io.thanosjvm.model;

import java.util.Map;

/**
 * Rewrites the RE2 (Go) regular-expression syntax that {@link java.util.regex.Pattern} spells differently:
 * named groups {@code (?P<name>...)} and POSIX classes such as {@code [[:alpha:]]}.
 */
public final class Re2Syntax {

  private static final Map<String, String> POSIX = Map.ofEntries(
      Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"), Map.entry("ascii", "\\x00-\\x7F"),
      Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "0-9"),
      Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "a-z"), Map.entry("print", "\\p{Print}"),
      Map.entry("punct", "\\p{Punct}"), Map.entry("space", "\\s\\x0B"), Map.entry("upper", "A-Z"),
      Map.entry("word", "\\w"), Map.entry("xdigit", "0-9A-Fa-f"));

  private Re2Syntax() {}

  /** The Java spelling of an RE2 expression (unchanged when nothing needs rewriting). */
  public static String toJava(String re) {
    if (re.indexOf("(?P<") < 0 && re.indexOf("[:") < 0) {
      return re;
    }
    StringBuilder sb = new StringBuilder(re.length());
    for (int i = 0; i < re.length(); i++) {
      char c = re.charAt(i);
      if (c == '\\' && i + 1 < re.length()) {
        sb.append(c).append(re.charAt(++i));
      } else if (re.startsWith("(?P<", i)) {
        sb.append("(?<");
        i += 3;
      } else if (re.startsWith("[:", i)) {
        int end = re.indexOf(":]", i + 2);
        String name = end < 0 ? null : re.substring(i + 2, end);
        String repl = name == null ? null : POSIX.get(name);
        if (repl != null) {
          sb.append(repl);
          i = end + 1;
        } else {
          sb.append(c);
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
