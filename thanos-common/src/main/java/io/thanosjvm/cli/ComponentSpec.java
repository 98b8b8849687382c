package io.thanosjvm.cli;

import java.util.List;
import java.util.Objects;

/**
 * A {@code thanos <component>} sub-command: its name, what it does, the app module that runs it and its
 * flags.
 *
 * @param name the sub-command, e.g. {@code query}
 * @param description one line, shown by {@code thanos --help}
 * @param appModule the Maven module holding its executable jar, e.g. {@code thanos-query-app}
 * @param flags every flag it accepts, common ones included
 */
public record ComponentSpec(String name, String description, String appModule, List<FlagSpec> flags) {

  /** Validates the spec and rejects duplicate flags. */
  public ComponentSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(appModule, "appModule");
    flags = List.copyOf(flags);
    long distinct = flags.stream().map(FlagSpec::flag).distinct().count();
    if (distinct != flags.size()) {
      throw new IllegalArgumentException("component " + name + " declares a flag twice");
    }
  }

  /** The spec of {@code --flag}, or null. */
  public FlagSpec flag(String flag) {
    for (FlagSpec f : flags) {
      if (f.flag().equals(flag)) {
        return f;
      }
    }
    return null;
  }
}
