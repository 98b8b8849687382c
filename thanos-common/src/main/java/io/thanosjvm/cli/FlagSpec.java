package io.thanosjvm.cli;

import java.util.Objects;

/**
 * One row of the flag table: a Thanos command-line flag and the configuration property it sets.
 *
 * @param flag the flag name without dashes, exactly as Thanos spells it (e.g. {@code http-address})
 * @param property the property it sets (e.g. {@code thanos.http.address}); unused for NOT_IMPLEMENTED
 * @param kind how values are taken
 * @param defaultValue the default shown in help, as Thanos prints it, or "" for none
 * @param help one line of help
 */
public record FlagSpec(String flag, String property, FlagKind kind, String defaultValue, String help) {

  /** Validates the row. */
  public FlagSpec {
    Objects.requireNonNull(flag, "flag");
    Objects.requireNonNull(property, "property");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(help, "help");
    if (flag.isEmpty() || flag.startsWith("-")) {
      throw new IllegalArgumentException("flag must be a bare name: " + flag);
    }
    if (kind != FlagKind.NOT_IMPLEMENTED && !property.startsWith("thanos.")) {
      throw new IllegalArgumentException("flag --" + flag + " must map to a thanos.* property, not " + property);
    }
  }

  /** A single-valued flag. */
  public static FlagSpec single(String flag, String property, String defaultValue, String help) {
    return new FlagSpec(flag, property, FlagKind.SINGLE, defaultValue, help);
  }

  /** A boolean flag. */
  public static FlagSpec bool(String flag, String property, boolean defaultValue, String help) {
    return new FlagSpec(flag, property, FlagKind.BOOLEAN, Boolean.toString(defaultValue), help);
  }

  /** A repeatable flag. */
  public static FlagSpec list(String flag, String property, String help) {
    return new FlagSpec(flag, property, FlagKind.LIST, "", help);
  }

  /** A repeatable flag that also splits commas. */
  public static FlagSpec commaList(String flag, String property, String help) {
    return new FlagSpec(flag, property, FlagKind.COMMA_LIST, "", help);
  }

  /** A Thanos flag rejected with a clear "not implemented yet" message. */
  public static FlagSpec notImplemented(String flag, String help) {
    return new FlagSpec(flag, "", FlagKind.NOT_IMPLEMENTED, "", help);
  }
}
