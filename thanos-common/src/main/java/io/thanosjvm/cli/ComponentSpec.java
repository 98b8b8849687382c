package io.thanosjvm.cli;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@code thanos <component>} sub-command: its name, what it does, the app module that runs it and the property
 * roots its flags come from.
 *
 * @param name the sub-command, e.g. {@code query}
 * @param description one line, shown by {@code thanos --help}
 * @param appModule the Maven module holding its executable jar, e.g. {@code thanos-query-app}
 * @param roots the properties types (shared groups first) whose {@link Flag} fields are its flags
 */
public record ComponentSpec(String name, String description, String appModule, List<PropertyRoot> roots) {

  private static final Map<ComponentSpec, List<FlagSpec>> FLAGS = new ConcurrentHashMap<>();

  /** Validates the spec. */
  public ComponentSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(appModule, "appModule");
    roots = List.copyOf(roots);
  }

  /**
   * Every flag it accepts, derived from its roots on first use (so {@code thanos --help}, which lists components
   * only, reads no metadata).
   *
   * @throws IllegalStateException when two roots declare the same flag
   */
  public List<FlagSpec> flags() {
    return FLAGS.computeIfAbsent(this, c -> {
      List<FlagSpec> flags = FlagScanner.scan(c.roots);
      long distinct = flags.stream().map(FlagSpec::flag).distinct().count();
      if (distinct != flags.size()) {
        throw new IllegalStateException("component " + c.name + " declares a flag twice: " + flags);
      }
      return flags;
    });
  }

  /** The spec of {@code --flag}, or null. */
  public FlagSpec flag(String flag) {
    for (FlagSpec f : flags()) {
      if (f.flag().equals(flag)) {
        return f;
      }
    }
    return null;
  }
}
