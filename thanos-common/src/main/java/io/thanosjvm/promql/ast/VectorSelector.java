package io.thanosjvm.promql.ast;

import io.thanosjvm.model.Label;
import io.thanosjvm.model.MatchType;
import io.thanosjvm.model.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An instant vector selector such as {@code foo{a="b"} @ 10 offset 5m}.
 *
 * @param name the metric name written before the braces, or empty
 * @param matchers every matcher, including {@code __name__="name"} when a name is written
 * @param offsetMillis the offset (negative allowed)
 * @param at the {@code @} modifier, or null
 */
public record VectorSelector(String name, List<Matcher> matchers, long offsetMillis, AtModifier at) implements Expr {

  /** Validates and copies. */
  public VectorSelector {
    Objects.requireNonNull(name, "name");
    matchers = List.copyOf(matchers);
  }

  /** A selector with the same matchers and a different offset and {@code @}. */
  public VectorSelector withModifiers(long newOffsetMillis, AtModifier newAt) {
    return new VectorSelector(name, matchers, newOffsetMillis, newAt);
  }

  @Override
  public ValueType type() {
    return ValueType.VECTOR;
  }

  /** The selector without its modifiers, e.g. {@code foo{a="b"}}. */
  public String selectorString() {
    List<String> parts = new ArrayList<>();
    for (Matcher m : matchers) {
      if (!name.isEmpty() && m.type() == MatchType.EQUAL && m.name().equals(Label.METRIC_NAME)
          && m.value().equals(name)) {
        continue;
      }
      parts.add(m.toString());
    }
    if (parts.isEmpty()) {
      return name;
    }
    return name + "{" + String.join(", ", parts) + "}";
  }

  @Override
  public String toString() {
    return selectorString() + AtModifier.suffix(at, offsetMillis);
  }
}
