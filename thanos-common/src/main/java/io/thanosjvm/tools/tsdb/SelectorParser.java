package io.thanosjvm.tools.tsdb;

import io.thanosjvm.model.Label;
import io.thanosjvm.model.MatchType;
import io.thanosjvm.model.Matcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a PromQL vector selector such as {@code metric{a="b", c=~"d.*"}}, {@code {__name__=~'x'}} or a
 * bare metric name into label matchers. Strings may use double quotes, single quotes (both with Go
 * escapes) or backticks (raw). This is not a PromQL parser: offsets, ranges and functions are rejected.
 */
public final class SelectorParser {

  private final String s;
  private int pos;

  private SelectorParser(String s) {
    this.s = s;
  }

  /**
   * Parses a selector.
   *
   * @throws IllegalArgumentException with the position of a syntax error
   */
  public static List<Matcher> parse(String selector) {
    SelectorParser p = new SelectorParser(selector);
    return p.selector();
  }

  private IllegalArgumentException error(String msg) {
    return new IllegalArgumentException("invalid selector " + s + " at position " + pos + ": " + msg);
  }

  private void ws() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
  }

  private List<Matcher> selector() {
    List<Matcher> out = new ArrayList<>();
    ws();
    if (pos < s.length() && s.charAt(pos) != '{') {
      String name = identifier(true);
      out.add(Matcher.equal(Label.METRIC_NAME, name));
      ws();
    }
    if (pos < s.length() && s.charAt(pos) == '{') {
      pos++;
      while (true) {
        ws();
        if (pos < s.length() && s.charAt(pos) == '}') {
          pos++;
          break;
        }
        String name = identifier(false);
        ws();
        MatchType op = operator();
        ws();
        String value = string();
        try {
          out.add(Matcher.of(op, name, value));
        } catch (RuntimeException e) {
          throw error(e.getMessage());
        }
        ws();
        if (pos < s.length() && s.charAt(pos) == ',') {
          pos++;
          continue;
        }
        if (pos < s.length() && s.charAt(pos) == '}') {
          pos++;
          break;
        }
        throw error("expected ',' or '}'");
      }
    }
    ws();
    if (pos != s.length()) {
      throw error("unexpected trailing input");
    }
    if (out.isEmpty()) {
      throw error("empty selector");
    }
    return out;
  }

  private String identifier(boolean metric) {
    int start = pos;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (metric && c == ':')
          || (pos > start && c >= '0' && c <= '9');
      if (!ok) {
        break;
      }
      pos++;
    }
    if (pos == start) {
      throw error("expected a " + (metric ? "metric" : "label") + " name");
    }
    return s.substring(start, pos);
  }

  private MatchType operator() {
    if (s.startsWith("=~", pos)) {
      pos += 2;
      return MatchType.REGEX;
    }
    if (s.startsWith("!~", pos)) {
      pos += 2;
      return MatchType.NOT_REGEX;
    }
    if (s.startsWith("!=", pos)) {
      pos += 2;
      return MatchType.NOT_EQUAL;
    }
    if (s.startsWith("=", pos)) {
      pos += 1;
      return MatchType.EQUAL;
    }
    throw error("expected a match operator");
  }

  private String string() {
    if (pos >= s.length()) {
      throw error("expected a string");
    }
    char q = s.charAt(pos);
    if (q != '"' && q != '\'' && q != '`') {
      throw error("expected a quoted string");
    }
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(pos++);
      if (c == q) {
        return sb.toString();
      }
      if (c == '\\' && q != '`') {
        escape(sb, q);
      } else {
        sb.append(c);
      }
    }
  }

  private void escape(StringBuilder sb, char q) {
    if (pos >= s.length()) {
      throw error("unterminated escape");
    }
    char e = s.charAt(pos++);
    switch (e) {
      case 'a' -> sb.append((char) 7);
      case 'b' -> sb.append('\b');
      case 'f' -> sb.append('\f');
      case 'n' -> sb.append('\n');
      case 'r' -> sb.append('\r');
      case 't' -> sb.append('\t');
      case 'v' -> sb.append((char) 11);
      case '\\' -> sb.append('\\');
      case 'x' -> sb.append((char) hex(2));
      case 'u' -> sb.appendCodePoint(hex(4));
      case 'U' -> sb.appendCodePoint(hex(8));
      default -> {
        if (e == q) {
          sb.append(e);
        } else if (e >= '0' && e <= '7') {
          pos--;
          int v = 0;
          for (int i = 0; i < 3; i++) {
            char d = pos < s.length() ? s.charAt(pos) : 'x';
            if (d < '0' || d > '7') {
              throw error("invalid octal escape");
            }
            v = v * 8 + (d - '0');
            pos++;
          }
          sb.append((char) v);
        } else {
          throw error("unknown escape sequence \\" + e);
        }
      }
    }
  }

  private int hex(int n) {
    if (pos + n > s.length()) {
      throw error("short hex escape");
    }
    try {
      int v = Integer.parseInt(s.substring(pos, pos + n), 16);
      pos += n;
      return v;
    } catch (NumberFormatException e) {
      throw error("invalid hex escape");
    }
  }
}
