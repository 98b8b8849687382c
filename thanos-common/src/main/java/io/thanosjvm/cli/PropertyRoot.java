package io.thanosjvm.cli;

import java.util.Objects;

/**
 * A configuration properties type bound under a property prefix, whose {@link Flag}-annotated fields (and those of
 * its nested types) are flags of the components that include it.
 *
 * @param prefix the property prefix, e.g. {@code thanos.http}
 * @param type the properties type; it must have a no-argument constructor (its field initialisers are the
 *     defaults)
 */
public record PropertyRoot(String prefix, Class<?> type) {

  /** Validates the root. */
  public PropertyRoot {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(type, "type");
    if (!prefix.startsWith("thanos")) {
      throw new IllegalArgumentException("flags set thanos.* properties, not " + prefix);
    }
  }
}
