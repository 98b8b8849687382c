package io.thanosjvm.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The one kingpin-style command-line parser, shared by the component flags ({@link FlagTranslator}) and the
 * {@code thanos tools} sub-commands ({@link ParsedArgs}): {@code --flag=value}, {@code --flag value}, bare boolean
 * {@code --flag} and {@code --no-flag}, repeated flags, {@code --help}/{@code -h}, and positional arguments where the
 * caller allows them. What a name means is the caller's: it says, per name, whether the flag is a boolean, takes a
 * value, or is unknown.
 */
public final class ArgParser {

  /** What a flag name is. */
  public enum Arity {
    /** A boolean: bare means true; {@code --no-name} means false. */
    BOOLEAN,
    /** Takes a value, inline ({@code =v}) or as the next argument. */
    VALUE
  }

  /**
   * One flag occurrence, in command-line order.
   *
   * @param name the flag name without dashes (for {@code --no-x} of a boolean: {@code x})
   * @param value the value: for booleans {@code "true"}, {@code "false"} or the inline text as given
   * @param arg the argument as written (the flag part)
   */
  public record Occurrence(String name, String value, String arg) {}

  /**
   * The parsed command line.
   *
   * @param flags known flags, in order
   * @param unknown arguments starting with {@code --} whose name is unknown, as written (value inline)
   * @param positional the other arguments
   * @param help whether {@code --help}, {@code --help-long} or {@code -h} was given
   */
  public record Result(List<Occurrence> flags, List<String> unknown, List<String> positional, boolean help) {}

  private ArgParser() {}

  /**
   * Parses {@code args}.
   *
   * @param arity the arity of a name, or null when unknown
   * @param nextValueMayBeFlag whether a value given as the next argument may start with {@code --} (tools
   *     accept it; component flags, like kingpin, do not)
   * @throws FlagException when a value is missing, or given to {@code --no-x}
   */
  public static Result parse(List<String> args, Function<String, Arity> arity, boolean nextValueMayBeFlag) {
    List<Occurrence> flags = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    List<String> positional = new ArrayList<>();
    boolean help = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--help") || arg.equals("-h") || arg.equals("--help-long")) {
        help = true;
        continue;
      }
      if (!arg.startsWith("--") || arg.length() == 2) {
        positional.add(arg);
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      String value = eq < 0 ? null : arg.substring(eq + 1);
      Arity a = arity.apply(name);
      if (a == null && name.startsWith("no-") && arity.apply(name.substring(3)) == Arity.BOOLEAN) {
        if (value != null) {
          throw new FlagException("flag '--" + name + "' takes no value");
        }
        flags.add(new Occurrence(name.substring(3), "false", arg));
      } else if (a == null) {
        unknown.add(arg);
      } else if (a == Arity.BOOLEAN) {
        flags.add(new Occurrence(name, value == null ? "true" : value, arg));
      } else {
        if (value == null) {
          if (i + 1 >= args.size() || (!nextValueMayBeFlag && args.get(i + 1).startsWith("--"))) {
            throw new FlagException("expected argument for flag '--" + name + "'");
          }
          value = args.get(++i);
        }
        flags.add(new Occurrence(name, value, arg));
      }
    }
    return new Result(flags, unknown, positional, help);
  }

  /** "; did you mean '--x'?" for the closest of {@code known}, or "". */
  public static String didYouMean(String name, Collection<String> known) {
    String closest = ClosestFlag.find(name, known);
    return closest == null ? "" : "; did you mean '--" + closest + "'?";
  }
}
