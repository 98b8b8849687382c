package io.thanosjvm.rules.template;

/** Go's {@code strconv.Unquote} for the string and character literals of templates. */
final class GoStrings {

  private GoStrings() {}

  /** The value of a Go quoted literal ({@code "..."}, {@code `...`} or {@code '.'}), or {@code null} if invalid. */
  static String unquote(String q) {
    if (q.length() < 2) {
      return null;
    }
    char quote = q.charAt(0);
    if (quote != q.charAt(q.length() - 1)) {
      return null;
    }
    String body = q.substring(1, q.length() - 1);
    if (quote == '`') {
      return body.indexOf('`') >= 0 ? null : body.replace("\r", "");
    }
    if (quote != '"' && quote != '\'') {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (c == quote || c == '\n') {
        return null;
      }
      if (c != '\\') {
        sb.append(c);
        i++;
        continue;
      }
      if (i + 1 >= body.length()) {
        return null;
      }
      char e = body.charAt(i + 1);
      i += 2;
      switch (e) {
        case 'a' -> sb.append('\u0007');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'v' -> sb.append('\u000B');
        case '\\' -> sb.append('\\');
        case '\'', '"' -> {
          if (e != quote) {
            return null;
          }
          sb.append(e);
        }
        case 'x', 'u', 'U' -> {
          int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          if (i + n > body.length()) {
            return null;
          }
          int v;
          try {
            v = Integer.parseUnsignedInt(body.substring(i, i + n), 16);
          } catch (NumberFormatException ex) {
            return null;
          }
          i += n;
          if (e == 'x') {
            if (quote == '\'') {
              sb.appendCodePoint(v);
            } else {
              appendByte(sb, v);
            }
          } else {
            if (!Character.isValidCodePoint(v) || (v >= 0xD800 && v < 0xE000)) {
              return null;
            }
            sb.appendCodePoint(v);
          }
        }
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          if (i + 2 > body.length()) {
            return null;
          }
          int v;
          try {
            v = Integer.parseInt(body.substring(i - 1, i + 2), 8);
          } catch (NumberFormatException ex) {
            return null;
          }
          if (v > 255) {
            return null;
          }
          i += 2;
          if (quote == '\'') {
            sb.appendCodePoint(v);
          } else {
            appendByte(sb, v);
          }
        }
        default -> {
          return null;
        }
      }
    }
    return sb.toString();
  }

  /** A raw byte of a Go string: ASCII as is, others as the Latin-1 character (strings here are UTF-16). */
  private static void appendByte(StringBuilder sb, int b) {
    sb.append((char) b);
  }
}
