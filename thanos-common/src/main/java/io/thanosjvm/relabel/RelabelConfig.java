package io.thanosjvm.relabel;

import io.thanosjvm.model.GoRegexp;
import io.thanosjvm.model.GoRegexpSyntaxException;
import io.thanosjvm.model.Label;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One relabel rule with Prometheus' defaults (separator {@code ;}, regex {@code (.*)}, replacement {@code $1},
 * action {@code replace}).
 *
 * @param sourceLabels labels whose values are joined with the separator
 * @param separator the join separator
 * @param regex the fully anchored regular expression (Go's syntax and semantics)
 * @param modulus the hashmod modulus
 * @param targetLabel the label written by replace and hashmod
 * @param replacement the replacement template
 * @param action what to do
 */
public record RelabelConfig(List<String> sourceLabels, String separator, GoRegexp regex, long modulus,
    String targetLabel, String replacement, Action action) {

  /** The supported actions. */
  public enum Action {
    /** Writes the expanded replacement into the target label when the regex matches. */
    REPLACE,
    /** Keeps the set only when the regex matches. */
    KEEP,
    /** Drops the set when the regex matches. */
    DROP,
    /** Writes md5(value) mod modulus into the target label. */
    HASHMOD,
    /** Copies labels whose names match to the expanded replacement name. */
    LABELMAP,
    /** Removes labels whose names match. */
    LABELDROP,
    /** Keeps only labels whose names match. */
    LABELKEEP;

    /** Parses Prometheus' lower-case action name. */
    public static Action parse(String name) {
      try {
        return valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unsupported relabel action \"" + name + "\"");
      }
    }
  }

  /** Validates the rule as Prometheus does. */
  public RelabelConfig {
    sourceLabels = List.copyOf(sourceLabels);
    Objects.requireNonNull(separator, "separator");
    Objects.requireNonNull(regex, "regex");
    Objects.requireNonNull(replacement, "replacement");
    Objects.requireNonNull(action, "action");
    if (action == Action.HASHMOD && modulus == 0) {
      throw new IllegalArgumentException("relabel configuration for hashmod requires non-zero modulus");
    }
    if ((action == Action.REPLACE || action == Action.HASHMOD) && (targetLabel == null || targetLabel.isEmpty())) {
      throw new IllegalArgumentException("relabel configuration for " + action.name().toLowerCase(Locale.ROOT)
          + " action requires 'target_label' value");
    }
    if (action == Action.HASHMOD && !Label.isValidName(targetLabel)) {
      throw new IllegalArgumentException("\"" + targetLabel + "\" is invalid 'target_label' for hashmod action");
    }
  }

  /** Compiles a Prometheus relabel regex, anchored at both ends; a bad one is refused with Go's message. */
  public static GoRegexp compile(String regex) {
    try {
      return GoRegexp.anchored(regex);
    } catch (GoRegexpSyntaxException e) {
      throw new IllegalArgumentException("invalid relabel regex \"" + regex + "\": " + e.getMessage(), e);
    }
  }
}
