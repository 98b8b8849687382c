package io.thanosjvm.store;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A store's external labels and the two rules that come with them: matchers on an external label are decided
 * by the external value (and then dropped before asking the data source), and every returned series carries
 * the external labels (they win over a series' own label of the same name).
 *
 * @param labels the external label set, possibly empty
 */
public record ExternalLabels(Labels labels) {

  /** Requires a label set. */
  public ExternalLabels {
    Objects.requireNonNull(labels, "labels");
  }

  /**
   * The matchers still to apply to the data, or empty when an external label rules the request out.
   *
   * @throws StoreRequestException when no matcher is left, as Thanos answers
   */
  public Optional<List<Matcher>> remainingMatchers(List<Matcher> matchers) {
    List<Matcher> remaining = new ArrayList<>(matchers.size());
    for (Matcher m : matchers) {
      String external = labels.get(m.name());
      if (external.isEmpty()) {
        remaining.add(m);
      } else if (!m.matches(external)) {
        return Optional.empty();
      }
    }
    if (remaining.isEmpty()) {
      throw StoreRequestException.invalidArgument("no matchers specified (excluding external labels)");
    }
    return Optional.of(remaining);
  }

  /** Whether the external labels alone are compatible with the matchers (for label APIs and Info pruning). */
  public boolean compatibleWith(List<Matcher> matchers) {
    for (Matcher m : matchers) {
      String external = labels.get(m.name());
      if (!external.isEmpty() && !m.matches(external)) {
        return false;
      }
    }
    return true;
  }

  /** A series' labels with the external labels merged in (external wins) and {@code drop} removed. */
  public Labels attachTo(Labels series, Collection<String> drop) {
    Labels.Builder b = series.toBuilder();
    for (int i = 0; i < labels.size(); i++) {
      b.set(labels.name(i), labels.value(i));
    }
    for (String d : drop) {
      b.delete(d);
    }
    return b.build();
  }
}
