package io.thanosjvm.store;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.Utf8Order;
import java.util.ArrayList;
import java.util.Arrays;
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

  /**
   * A series' labels with the external labels merged in (external wins; an empty external value removes the label)
   * and {@code drop} removed. One merge of the two sorted label arrays: this runs for every series a store returns.
   */
  public Labels attachTo(Labels series, Collection<String> drop) {
    int n = series.size();
    int m = labels.size();
    if (m == 0 && drop.isEmpty()) {
      return series;
    }
    String[] names = new String[n + m];
    String[] values = new String[n + m];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < n || j < m) {
      int c = i >= n ? 1 : j >= m ? -1 : Utf8Order.compare(series.name(i), labels.name(j));
      String name;
      String value;
      if (c < 0) {
        name = series.name(i);
        value = series.value(i++);
      } else {
        name = labels.name(j);
        value = labels.value(j++);
        if (c == 0) {
          i++;
        }
        if (value.isEmpty()) {
          continue;
        }
      }
      if (!drop.isEmpty() && drop.contains(name)) {
        continue;
      }
      names[k] = name;
      values[k++] = value;
    }
    return Labels.fromSortedArrays(k == names.length ? names : Arrays.copyOf(names, k),
        k == values.length ? values : Arrays.copyOf(values, k));
  }
}
