package io.thanosjvm.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * @param composite whether it runs several components in one process (the all-in-one): a flag declared by several of
 *     its roots is then one flag setting each of those properties (one bucket, one data directory, ...), shown with
 *     the first declaration's help and default; otherwise a flag declared twice is an error
 */
public record ComponentSpec(String name, String description, String appModule, List<PropertyRoot> roots,
    boolean composite) {

  private static final Map<ComponentSpec, List<FlagSpec>> FLAGS = new ConcurrentHashMap<>();
  private static final Map<ComponentSpec, Map<String, List<String>>> PROPERTIES = new ConcurrentHashMap<>();

  /** Validates the spec. */
  public ComponentSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(appModule, "appModule");
    roots = List.copyOf(roots);
  }

  /** A single component (not composite). */
  public ComponentSpec(String name, String description, String appModule, List<PropertyRoot> roots) {
    this(name, description, appModule, roots, false);
  }

  /**
   * Every flag it accepts, derived from its roots on first use (so {@code thanos --help}, which lists components
   * only, reads no metadata).
   *
   * @throws IllegalStateException when two roots declare the same flag (of a composite: with different kinds)
   */
  public List<FlagSpec> flags() {
    return FLAGS.computeIfAbsent(this, c -> {
      List<FlagSpec> flags = FlagScanner.scan(c.roots);
      Map<String, FlagSpec> first = new LinkedHashMap<>();
      for (FlagSpec f : flags) {
        FlagSpec seen = first.putIfAbsent(f.flag(), f);
        if (seen != null && (!c.composite || seen.kind() != f.kind())) {
          throw new IllegalStateException("component " + c.name + " declares a flag twice: --" + f.flag() + " ("
              + seen.property() + ", " + f.property() + ")");
        }
      }
      return List.copyOf(first.values());
    });
  }

  /**
   * Every property {@code --flag} sets: its own; for a composite component, each root's declaration of it, in root
   * order.
   */
  public List<String> properties(String flag) {
    return PROPERTIES.computeIfAbsent(this, c -> {
      Map<String, List<String>> byFlag = new LinkedHashMap<>();
      for (FlagSpec f : FlagScanner.scan(c.roots)) {
        byFlag.computeIfAbsent(f.flag(), k -> new ArrayList<>()).add(f.property());
      }
      byFlag.replaceAll((k, v) -> List.copyOf(v));
      return byFlag;
    }).getOrDefault(flag, List.of());
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
