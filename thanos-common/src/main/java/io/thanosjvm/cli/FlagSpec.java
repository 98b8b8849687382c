package io.thanosjvm.cli;

import java.util.Objects;

/**
 * One Thanos flag of a component, as derived by {@link FlagScanner} from a {@link Flag}-annotated properties field.
 *
 * @param flag the name without dashes, exactly as Thanos spells it (e.g. {@code http-address})
 * @param property the property it sets (e.g. {@code thanos.http.address})
 * @param kind how values are taken
 * @param defaultValue the default shown in help, as Thanos prints it, or "" for none
 * @param help the help text: the Javadoc description of the property
 * @param hidden whether help leaves it out
 */
public record FlagSpec(String flag, String property, FlagKind kind, String defaultValue, String help,
    boolean hidden) {

  /** Validates the flag. */
  public FlagSpec {
    Objects.requireNonNull(flag, "flag");
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(help, "help");
    if (flag.isEmpty() || flag.startsWith("-")) {
      throw new IllegalArgumentException("flag must be a bare name: " + flag);
    }
    if (!property.startsWith("thanos.")) {
      throw new IllegalArgumentException("flag --" + flag + " must map to a thanos.* property, not " + property);
    }
  }
}
