package io.thanosjvm.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates a Thanos command line (parsed by the shared {@link ArgParser}) into Spring property arguments through the flags of a {@link ComponentSpec}.
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
    ArgParser.Result parsed = ArgParser.parse(args, this::arity, false);
    for (ArgParser.Occurrence o : parsed.flags()) {
      FlagSpec spec = component.flag(o.name());
      if (spec.kind() == FlagKind.NOT_IMPLEMENTED) {
        throw new FlagException("flag '--" + o.name() + "' is a Thanos flag that this implementation does not "
            + "support yet (" + spec.help() + "); remove it to start");
      }
    }
    if (!parsed.positional().isEmpty()) {
      throw new FlagException("unexpected argument '" + parsed.positional().get(0) + "' for 'thanos "
          + component.name() + "' (flags look like --name=value)");
    }
    List<String> passthrough = new ArrayList<>();
    for (String arg : parsed.unknown()) {
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      if (!isPassthrough(name)) {
        throw unknown(name);
      }
      passthrough.add(arg);
    }
    Map<String, String> singles = new LinkedHashMap<>();
    Map<String, List<String>> lists = new LinkedHashMap<>();
    for (ArgParser.Occurrence o : parsed.flags()) {
      FlagSpec spec = component.flag(o.name());
      for (String property : component.properties(o.name())) { // several when a composite's parts share the flag
        switch (spec.kind()) {
          case BOOLEAN -> singles.put(property, parseBoolean(o.name(), o.value()));
          case SINGLE -> singles.put(property, o.value());
          case LIST, COMMA_LIST -> {
            List<String> items = lists.computeIfAbsent(property, k -> new ArrayList<>());
            if (spec.kind() == FlagKind.COMMA_LIST) {
              for (String part : o.value().split(",")) {
                if (!part.isBlank()) {
                  items.add(part.trim());
                }
              }
            } else {
              items.add(o.value());
            }
          }
          default -> throw new IllegalStateException("unhandled flag kind " + spec.kind()); // NOT_IMPLEMENTED: above
        }
      }
    }
    return new FlagTranslation(render(singles, lists, passthrough), parsed.help());
  }

  private ArgParser.Arity arity(String name) {
    FlagSpec spec = component.flag(name);
    if (spec == null) {
      return null;
    }
    return spec.kind() == FlagKind.BOOLEAN || spec.kind() == FlagKind.NOT_IMPLEMENTED ? ArgParser.Arity.BOOLEAN
        : ArgParser.Arity.VALUE;
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
    String hint = ArgParser.didYouMean(name, known.keySet());
    if (hint.isEmpty()) {
      hint = "; see 'thanos " + component.name() + " --help'";
    }
    return new FlagException("unknown long flag '--" + name + "' for 'thanos " + component.name() + "'" + hint);
  }
}
