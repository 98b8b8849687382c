package io.thanosjvm.promql.ast;

import java.util.List;
import java.util.Objects;

/**
 * How a binary operation between two instant vectors matches series.
 *
 * @param card the cardinality
 * @param matchingLabels labels of {@code on(...)} or {@code ignoring(...)}
 * @param on whether {@code on} (else {@code ignoring}, possibly with no labels)
 * @param include extra labels of {@code group_left(...)}/{@code group_right(...)}
 */
public record VectorMatching(Cardinality card, List<String> matchingLabels, boolean on, List<String> include) {

  /** Matching cardinalities. */
  public enum Cardinality {
    /** one-to-one */ ONE_TO_ONE,
    /** group_left */ MANY_TO_ONE,
    /** group_right */ ONE_TO_MANY,
    /** set operators */ MANY_TO_MANY
  }

  /** Validates and copies. */
  public VectorMatching {
    Objects.requireNonNull(card, "card");
    matchingLabels = List.copyOf(matchingLabels);
    include = List.copyOf(include);
  }

  /** Whether anything is printed for this matching. */
  boolean printable() {
    return on || !matchingLabels.isEmpty() || card == Cardinality.MANY_TO_ONE || card == Cardinality.ONE_TO_MANY;
  }

  @Override
  public String toString() {
    if (!printable()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(on ? " on (" : " ignoring (").append(String.join(", ", matchingLabels))
        .append(')');
    if (card == Cardinality.MANY_TO_ONE || card == Cardinality.ONE_TO_MANY) {
      sb.append(card == Cardinality.MANY_TO_ONE ? " group_left (" : " group_right (")
          .append(String.join(", ", include)).append(')');
    }
    return sb.toString();
  }
}
