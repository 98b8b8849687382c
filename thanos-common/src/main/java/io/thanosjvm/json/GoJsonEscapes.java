package io.thanosjvm.json;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;

/**
 * The one JSON string escaper, with Go's {@code encoding/json} rules: {@code \"}, {@code \\}, {@code \n},
 * {@code \r}, {@code \t} short; every other control character and the HTML-sensitive {@code <}, {@code >},
 * {@code &}, U+2028 and U+2029 as lower-case <code>&#92;u00XX</code>; everything else as is. Thanos writes meta.json and
 * Prometheus its API responses with these rules, so this table is hand-written on purpose: it IS the byte
 * compatibility (Jackson's own defaults differ: upper-case hex, {@code \b}/{@code \f}, no HTML escapes). Jackson
 * uses it through {@link #INSTANCE} as its {@link CharacterEscapes}; streaming writers call {@link #quote}.
 */
public final class GoJsonEscapes extends CharacterEscapes {

  private static final long serialVersionUID = 1L;

  /** The escapes as Jackson character escapes. */
  public static final GoJsonEscapes INSTANCE = new GoJsonEscapes();

  private static final String[] ASCII = new String[128];
  private static final int[] ASCII_CODES = CharacterEscapes.standardAsciiEscapesForJSON();

  static {
    for (int c = 0; c < 0x20; c++) {
      ASCII[c] = String.format("\\u%04x", c);
    }
    ASCII['\n'] = "\\n";
    ASCII['\r'] = "\\r";
    ASCII['\t'] = "\\t";
    ASCII['"'] = "\\\"";
    ASCII['\\'] = "\\\\";
    ASCII['<'] = "\\u003c";
    ASCII['>'] = "\\u003e";
    ASCII['&'] = "\\u0026";
    for (int c = 0; c < 128; c++) {
      ASCII_CODES[c] = ASCII[c] == null ? ESCAPE_NONE : ESCAPE_CUSTOM;
    }
  }

  private GoJsonEscapes() {}

  /** Go's escape for {@code c}, or null when Go writes it as is. */
  static String escape(char c) {
    if (c < 128) {
      return ASCII[c];
    }
    if (c == '\u2028') {
      return "\\u2028";
    }
    if (c == '\u2029') {
      return "\\u2029";
    }
    return null;
  }

  /** Appends {@code s} as a quoted JSON string escaped as Go's encoder does. */
  public static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String e = escape(c);
      if (e == null) {
        sb.append(c);
      } else {
        sb.append(e);
      }
    }
    sb.append('"');
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return ASCII_CODES.clone();
  }

  @Override
  public SerializableString getEscapeSequence(int ch) {
    String e = ch <= Character.MAX_VALUE ? escape((char) ch) : null;
    return e == null ? null : new SerializedString(e);
  }
}
