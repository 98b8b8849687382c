package io.thanosjvm.cli;

import io.thanosjvm.model.Label;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code --label} flag's syntax, shared by the components and tools that take external labels: {@code
 * name="value"} with a valid label name and a double-quoted value (backslash escapes for newline, tab,
 * backslash and quote).
 */
public final class LabelFlags {

  private LabelFlags() {}

  /** Parses {@code name="value"} (Prometheus external-label flag syntax; the value must be quoted). */
  public static Map<String, String> parse(List<String> flags) {
    Map<String, String> out = new TreeMap<>();
    for (String kv : flags) {
      int eq = kv.indexOf('=');
      String name = eq < 0 ? "" : kv.substring(0, eq);
      String value = eq < 0 ? "" : kv.substring(eq + 1);
      if (!Label.isValidName(name) || value.length() < 2 || value.charAt(0) != '"'
          || value.charAt(value.length() - 1) != '"') {
        throw new IllegalArgumentException("--" + FlagNames.LABEL + " must be <name>=\"<value>\": " + kv);
      }
      out.put(name, unquote(value.substring(1, value.length() - 1), kv));
    }
    return out;
  }

  private static String unquote(String s, String flag) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        throw new IllegalArgumentException("unescaped quote in --" + FlagNames.LABEL + " " + flag);
      }
      if (c == '\\') {
        if (++i == s.length()) {
          throw new IllegalArgumentException("dangling backslash in --" + FlagNames.LABEL + " " + flag);
        }
        char e = s.charAt(i);
        sb.append(switch (e) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case '\\', '"' -> e;
          default -> throw new IllegalArgumentException("unsupported escape \\" + e + " in --" + FlagNames.LABEL
              + " " + flag);
        });
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
