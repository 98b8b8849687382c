package io.thanosjvm.store.testkit;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.Utf8Order;
import io.thanosjvm.store.testkit.StoreApiAcceptanceKit.Dataset;
import io.thanosjvm.store.testkit.StoreApiAcceptanceKit.DatasetSeries;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The answers a correct store gives for the dataset, computed in Java: which series match, with which labels,
 * in which order, with which samples, and what the label APIs return. External labels are attached to every
 * series (the dataset never uses their names, so "external wins" never has to be decided here).
 */
final class StoreApiAcceptanceOracle {

  private final Dataset data;
  private final Labels external;

  StoreApiAcceptanceOracle(Dataset data, Labels external) {
    this.data = data;
    this.external = external;
  }

  /** A dataset series as the store shows it: own labels plus external labels. */
  Labels attached(DatasetSeries s) {
    Labels.Builder b = s.labels().toBuilder();
    external.forEach(l -> b.set(l.name(), l.value()));
    return b.build();
  }

  /** Dataset series matching all matchers (on their attached labels) with at least one sample in the range. */
  List<DatasetSeries> matching(List<Matcher> matchers, long mint, long maxt) {
    List<DatasetSeries> out = new ArrayList<>();
    for (DatasetSeries s : data.series()) {
      if (s.countIn(mint, maxt) > 0 && matchesAll(matchers, attached(s))) {
        out.add(s);
      }
    }
    return out;
  }

  /** Dataset series matching all matchers, whatever their time range. */
  List<DatasetSeries> matchingAnyTime(List<Matcher> matchers) {
    return matching(matchers, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** The label sets a Series call must return, sorted, with {@code drop} removed. */
  List<Labels> expectedLabels(List<DatasetSeries> series, Collection<String> drop) {
    List<Labels> out = new ArrayList<>();
    for (DatasetSeries s : series) {
      out.add(attached(s).without(drop));
    }
    out.sort(Labels::compareTo);
    return out;
  }

  /** The dataset series whose attached labels, minus {@code drop}, are {@code labels}; null when none. */
  DatasetSeries byLabels(Labels labels, Collection<String> drop) {
    for (DatasetSeries s : data.series()) {
      if (attached(s).without(drop).equals(labels)) {
        return s;
      }
    }
    return null;
  }

  /** Sorted label names of the matching series, external names included when any series matches. */
  List<String> labelNames(List<Matcher> matchers, long mint, long maxt, Collection<String> drop) {
    TreeSet<String> names = new TreeSet<>(Utf8Order.COMPARATOR);
    for (DatasetSeries s : matching(matchers, mint, maxt)) {
      attached(s).forEach(l -> names.add(l.name()));
    }
    names.removeAll(drop);
    return new ArrayList<>(names);
  }

  /** Sorted values of {@code name} over the matching series. */
  List<String> labelValues(String name, List<Matcher> matchers, long mint, long maxt, Collection<String> drop) {
    TreeSet<String> values = new TreeSet<>(Utf8Order.COMPARATOR);
    if (drop.contains(name)) {
      return List.of();
    }
    for (DatasetSeries s : matching(matchers, mint, maxt)) {
      String v = attached(s).get(name);
      if (!v.isEmpty()) {
        values.add(v);
      }
    }
    return new ArrayList<>(values);
  }

  private static boolean matchesAll(List<Matcher> matchers, Labels l) {
    for (Matcher m : matchers) {
      if (!m.matches(l)) {
        return false;
      }
    }
    return true;
  }
}
