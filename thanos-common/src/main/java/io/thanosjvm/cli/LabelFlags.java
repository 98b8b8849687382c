package io.thanosjvm.cli;

import io.thanosjvm.model.Label;
import io.thanosjvm.model.Labels;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads repeated {@code --label=name="value"} flags as Thanos does: the value must be a Go-quoted string
 * (double quotes with backslash escapes, or backquotes), the name a valid label name.
 */
public final class LabelFlags {

  private LabelFlags() {}

  /**
   * The label set the flags give, sorted.
   *
   * @throws IllegalArgumentException with Thanos' wording for a malformed flag
   */
  public static Labels parse(List<String> flags) {
    Map<String, String> out = new TreeMap<>();
    for (String f : flags) {
      int eq = f.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("unrecognized label \"" + f + "\"");
      }
      String name = f.substring(0, eq);
      if (!Label.isValidName(name)) {
        throw new IllegalArgumentException("unsupported format for label " + f);
      }
      out.put(name, unquote(f.substring(eq + 1)));
    }
    return Labels.fromMap(out);
  }

  private static String unquote(String s) {
    if (s.length() >= 2 && s.startsWith("`") && s.endsWith("`")) {
      return s.substring(1, s.length() - 1);
    }
    if (s.length() < 2 || !s.startsWith("\"") || !s.endsWith("\"")) {
      throw new IllegalArgumentException("unquote label value: invalid syntax: " + s);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < s.length() - 1; i++) {
      char c = s.charAt(i);
      if (c == '"') {
        throw new IllegalArgumentException("unquote label value: invalid syntax: " + s);
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (++i >= s.length() - 1) {
        throw new IllegalArgumentException("unquote label value: invalid syntax: " + s);
      }
      char e = s.charAt(i);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case '\\', '"', '\'' -> sb.append(e);
        default -> throw new IllegalArgumentException("unquote label value: invalid syntax: " + s);
      }
    }
    return sb.toString();
  }
}
