package io.thanosjvm.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates a Thanos command line into Spring property arguments through the flags of a {@link ComponentSpec}.
 *
 * <p>Accepted forms, as with Thanos' kingpin parser: {@code --flag=value}, {@code --flag value}, bare
 * {@code --flag} and {@code --no-flag} for booleans, repeated flags for lists. Spring-style property
 * arguments ({@code --thanos.x.y=v}, {@code --spring.profiles.active=p}, {@code --server.*},
 * {@code --management.*}, {@code --logging.*}) pass through unchanged. Anything else fails with a message
 * naming the flag and the closest known one.
 */
public final class FlagTranslator {

  private static final List<String> PASSTHROUGH_PREFIXES =
      List.of("thanos.", "spring.", "server.", "management.", "logging.");

  private final ComponentSpec component;

  /** A translator for one component. */
  public FlagTranslator(ComponentSpec component) {
    this.component = component;
  }

  /**
   * Translates the arguments that follow the component name.
   *
   * @throws FlagException for an unknown flag, a missing or malformed value, or an unsupported flag
   */
  public FlagTranslation translate(List<String> args) {
    Map<String, String> singles = new LinkedHashMap<>();
    Map<String, List<String>> lists = new LinkedHashMap<>();
    List<String> passthrough = new ArrayList<>();
    boolean help = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--help") || arg.equals("-h") || arg.equals("--help-long")) {
        help = true;
        continue;
      }
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new FlagException("unexpected argument '" + arg + "' for 'thanos " + component.name()
            + "' (flags look like --name=value)");
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      String value = eq < 0 ? null : arg.substring(eq + 1);
      FlagSpec spec = component.flag(name);
      if (spec == null && name.startsWith("no-")) {
        FlagSpec negated = component.flag(name.substring(3));
        if (negated != null && negated.kind() == FlagKind.BOOLEAN) {
          if (value != null) {
            throw new FlagException("flag '--" + name + "' takes no value");
          }
          singles.put(negated.property(), "false");
          continue;
        }
      }
      if (spec == null) {
        if (isPassthrough(name)) {
          passthrough.add(arg);
          continue;
        }
        throw unknown(name);
      }
      switch (spec.kind()) {
        case NOT_IMPLEMENTED -> throw new FlagException("flag '--" + name + "' is a Thanos flag that this "
            + "implementation does not support yet (" + spec.help() + "); remove it to start");
        case BOOLEAN -> singles.put(spec.property(), parseBoolean(name, value));
        case SINGLE -> {
          if (value == null) {
            value = nextValue(args, i++, name);
          }
          singles.put(spec.property(), value);
        }
        case LIST, COMMA_LIST -> {
          if (value == null) {
            value = nextValue(args, i++, name);
          }
          List<String> items = lists.computeIfAbsent(spec.property(), k -> new ArrayList<>());
          if (spec.kind() == FlagKind.COMMA_LIST) {
            for (String part : value.split(",")) {
              if (!part.isBlank()) {
                items.add(part.trim());
              }
            }
          } else {
            items.add(value);
          }
        }
        default -> throw new IllegalStateException("unhandled flag kind " + spec.kind());
      }
    }
    return new FlagTranslation(render(singles, lists, passthrough), help);
  }

  private static List<String> render(Map<String, String> singles, Map<String, List<String>> lists,
      List<String> passthrough) {
    List<String> out = new ArrayList<>();
    singles.forEach((k, v) -> out.add("--" + k + "=" + v));
    lists.forEach((k, items) -> {
      for (int j = 0; j < items.size(); j++) {
        out.add("--" + k + "[" + j + "]=" + items.get(j));
      }
    });
    out.addAll(passthrough);
    return out;
  }

  private static String nextValue(List<String> args, int i, String name) {
    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
      throw new FlagException("expected argument for flag '--" + name + "'");
    }
    return args.get(i + 1);
  }

  private static String parseBoolean(String name, String value) {
    if (value == null || value.equalsIgnoreCase("true")) {
      return "true";
    }
    if (value.equalsIgnoreCase("false")) {
      return "false";
    }
    throw new FlagException("flag '--" + name + "' expects true or false, got '" + value + "'");
  }

  private static boolean isPassthrough(String name) {
    for (String p : PASSTHROUGH_PREFIXES) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  private FlagException unknown(String name) {
    Map<String, String> known = new HashMap<>();
    for (FlagSpec f : component.flags()) {
      known.put(f.flag(), f.flag());
    }
    String closest = ClosestFlag.find(name, known.keySet());
    String hint = closest == null ? "; see 'thanos " + component.name() + " --help'"
        : "; did you mean '--" + closest + "'?";
    return new FlagException("unknown long flag '--" + name + "' for 'thanos " + component.name() + "'" + hint);
  }
}
