package io.thanosjvm.model;

import java.util.Objects;

/**
 * One label: a name and a value.
 *
 * @param name the label name, never empty
 * @param value the label value, possibly empty
 */
public record Label(String name, String value) implements Comparable<Label> {

  /** The reserved label holding the metric name. */
  public static final String METRIC_NAME = "__name__";

  /** Validates the label. */
  public Label {
    Objects.requireNonNull(name, "label name");
    Objects.requireNonNull(value, "label value");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("label name must not be empty");
    }
  }

  /** Orders by name, then value, both by UTF-8 bytes. */
  @Override
  public int compareTo(Label o) {
    int c = Utf8Order.compare(name, o.name);
    return c != 0 ? c : Utf8Order.compare(value, o.value);
  }

  /** Whether {@code name} is a valid Prometheus label name ({@code [a-zA-Z_][a-zA-Z0-9_]*}). */
  public static boolean isValidName(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return name + "=" + PromStrings.quote(value);
  }
}
