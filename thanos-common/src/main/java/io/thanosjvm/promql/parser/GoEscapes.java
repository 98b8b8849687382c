package io.thanosjvm.promql.parser;

import io.thanosjvm.promql.PromqlParseException;
import java.nio.charset.StandardCharsets;

/** Go string-literal escapes as PromQL accepts them inside "..." and '...'. */
final class GoEscapes {

  /** Makes a positioned error. */
  interface ErrorFactory {
    PromqlParseException at(int pos, String message);
  }

  private GoEscapes() {}

  /**
   * Decodes the escape starting at {@code in[pos] == '\\'} into {@code sb}.
   *
   * @return the position after the escape
   */
  static int unescape(String in, int pos, char quote, StringBuilder sb, ErrorFactory err) {
    int start = pos;
    pos++;
    if (pos >= in.length()) {
      throw err.at(start, "unterminated quoted string");
    }
    char c = in.charAt(pos++);
    switch (c) {
      case 'a' -> sb.append((char) 7);
      case 'b' -> sb.append('\b');
      case 'f' -> sb.append('\f');
      case 'n' -> sb.append('\n');
      case 'r' -> sb.append('\r');
      case 't' -> sb.append('\t');
      case 'v' -> sb.append((char) 11);
      case '\\' -> sb.append('\\');
      case '"', '\'' -> {
        if (c != quote) {
          throw err.at(start, "unknown escape sequence");
        }
        sb.append(c);
      }
      case 'x' -> {
        // Hex bytes: consecutive \xNN escapes form UTF-8 byte sequences.
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int p = pos - 2;
        while (p + 3 < in.length() + 0 && in.startsWith("\\x", p)) {
          if (p + 4 > in.length()) {
            break;
          }
          int v = hex(in, p + 2, 2, err, start);
          bytes.write(v);
          p += 4;
        }
        if (bytes.size() == 0) {
          throw err.at(start, "unknown escape sequence");
        }
        sb.append(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
        return p;
      }
      case 'u' -> {
        sb.appendCodePoint(hex(in, pos, 4, err, start));
        return pos + 4;
      }
      case 'U' -> {
        int cp = hex(in, pos, 8, err, start);
        if (cp > 0x10FFFF) {
          throw err.at(start, "unknown escape sequence");
        }
        sb.appendCodePoint(cp);
        return pos + 8;
      }
      default -> {
        if (c >= '0' && c <= '7') {
          if (pos + 2 > in.length()) {
            throw err.at(start, "unknown escape sequence");
          }
          int v = 0;
          for (int i = pos - 1; i < pos + 2; i++) {
            char d = in.charAt(i);
            if (d < '0' || d > '7') {
              throw err.at(start, "unknown escape sequence");
            }
            v = v * 8 + (d - '0');
          }
          if (v > 255) {
            throw err.at(start, "unknown escape sequence");
          }
          sb.append((char) v);
          return pos + 2;
        }
        throw err.at(start, "unknown escape sequence");
      }
    }
    return pos;
  }

  private static int hex(String in, int from, int n, ErrorFactory err, int start) {
    if (from + n > in.length()) {
      throw err.at(start, "unknown escape sequence");
    }
    int v = 0;
    for (int i = from; i < from + n; i++) {
      int d = Character.digit(in.charAt(i), 16);
      if (d < 0) {
        throw err.at(start, "unknown escape sequence");
      }
      v = v * 16 + d;
    }
    return v;
  }
}
