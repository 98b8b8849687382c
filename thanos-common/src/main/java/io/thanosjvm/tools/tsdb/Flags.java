package io.thanosjvm.tools.tsdb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Minimal command-line flag parsing: {@code --flag=value}, {@code --flag value}, boolean
 * {@code --flag}, repeated flags, positional arguments, and an error naming any unknown flag.
 */
public final class Flags {

  private final Map<String, List<String>> values = new HashMap<>();
  private final List<String> positional = new ArrayList<>();
  private boolean help;

  private Flags() {}

  /**
   * Parses {@code args}.
   *
   * @param valued flags that take a value
   * @param booleans flags without a value
   * @throws IllegalArgumentException naming an unknown flag or a flag missing its value
   */
  public static Flags parse(List<String> args, Set<String> valued, Set<String> booleans) {
    Flags f = new Flags();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--help") || a.equals("-h")) {
        f.help = true;
      } else if (a.startsWith("--") && a.length() > 2) {
        int eq = a.indexOf('=');
        String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
        if (booleans.contains(name)) {
          f.values.computeIfAbsent(name, k -> new ArrayList<>()).add(eq < 0 ? "true" : a.substring(eq + 1));
        } else if (valued.contains(name)) {
          String v;
          if (eq >= 0) {
            v = a.substring(eq + 1);
          } else if (i + 1 < args.size()) {
            v = args.get(++i);
          } else {
            throw new IllegalArgumentException("flag --" + name + " needs a value");
          }
          f.values.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
        } else {
          throw new IllegalArgumentException("unknown flag --" + name);
        }
      } else {
        f.positional.add(a);
      }
    }
    return f;
  }

  /** Whether {@code --help} was given. */
  public boolean help() {
    return help;
  }

  /** Positional arguments. */
  public List<String> positional() {
    return positional;
  }

  /** The last value of a flag, or {@code def}. */
  public String get(String name, String def) {
    List<String> l = values.get(name);
    return l == null || l.isEmpty() ? def : l.get(l.size() - 1);
  }

  /** All values of a repeated flag. */
  public List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  /** Whether a flag was given. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** A flag parsed as a long, or {@code def}. */
  public long getLong(String name, long def) {
    String v = get(name, null);
    if (v == null) {
      return def;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("flag --" + name + ": not an integer: " + v);
    }
  }
}
