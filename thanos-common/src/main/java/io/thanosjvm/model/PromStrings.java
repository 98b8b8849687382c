package io.thanosjvm.model;

/**
 * Go-compatible string quoting, as Prometheus uses it to print label values ({@code strconv.Quote}).
 */
public final class PromStrings {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PromStrings() {}

  /**
   * Quotes a string the way Go's {@code strconv.Quote} does: double quotes, backslash escapes for
   * {@code \" \\ \a \b \f \n \r \t \v}, {@code \xNN} for other control bytes, {@code \\u}/{@code \\U} for
   * non-printable runes; printable Unicode is kept as is.
   */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    sb.append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case 0x07 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 0x0B -> sb.append("\\v");
        default -> appendRune(sb, cp);
      }
    }
    return sb.append('"').toString();
  }

  private static void appendRune(StringBuilder sb, int cp) {
    if (cp < 0x20 || cp == 0x7F) {
      sb.append("\\x").append(HEX[cp >> 4]).append(HEX[cp & 0xF]);
    } else if (cp < 0x7F || isPrintable(cp)) {
      sb.appendCodePoint(cp);
    } else if (cp < 0x10000) {
      sb.append(String.format("\\u%04x", cp));
    } else {
      sb.append(String.format("\\U%08x", cp));
    }
  }

  private static boolean isPrintable(int cp) {
    if (Character.isSurrogate((char) Math.min(cp, 0xFFFF)) && cp <= 0xFFFF) {
      return false; // a lone surrogate: invalid UTF-8 in Go terms
    }
    int type = Character.getType(cp);
    return switch (type) {
      case Character.UNASSIGNED, Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE,
          Character.SURROGATE, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
      case Character.SPACE_SEPARATOR -> cp == ' ';
      default -> true;
    };
  }
}
