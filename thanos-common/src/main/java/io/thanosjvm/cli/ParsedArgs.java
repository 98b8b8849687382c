package io.thanosjvm.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code thanos tools} sub-command's command line, parsed by the shared {@link ArgParser}: flag values by name,
 * positional arguments and {@code --help}. An unknown flag fails naming it and the closest known one.
 */
public final class ParsedArgs {

  private final Map<String, List<String>> values = new HashMap<>();
  private final List<String> positional;
  private final boolean help;

  private ParsedArgs(List<String> positional, boolean help) {
    this.positional = List.copyOf(positional);
    this.help = help;
  }

  /**
   * Parses {@code args}.
   *
   * @param valued flags that take a value
   * @param booleans flags without a value ({@code --x}, {@code --x=false}, {@code --no-x})
   * @throws IllegalArgumentException naming an unknown flag or a flag missing its value
   */
  public static ParsedArgs parse(List<String> args, Set<String> valued, Set<String> booleans) {
    ArgParser.Result r = ArgParser.parse(args,
        n -> booleans.contains(n) ? ArgParser.Arity.BOOLEAN : valued.contains(n) ? ArgParser.Arity.VALUE : null, true);
    if (!r.unknown().isEmpty()) {
      String arg = r.unknown().get(0);
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      Set<String> known = new HashSet<>(valued);
      known.addAll(booleans);
      throw new FlagException("unknown flag --" + name + ArgParser.didYouMean(name, known));
    }
    ParsedArgs p = new ParsedArgs(r.positional(), r.help());
    for (ArgParser.Occurrence o : r.flags()) {
      p.values.computeIfAbsent(o.name(), k -> new ArrayList<>()).add(o.value());
    }
    return p;
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

  /** A kingpin-style boolean: the last of {@code --x}, {@code --x=false} or {@code --no-x} given, else {@code def}. */
  public boolean bool(String name, boolean def) {
    String v = get(name, null);
    return v == null ? def : Boolean.parseBoolean(v);
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
