package io.thanosjvm.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable label set, sorted by label name in UTF-8 byte order, with unique names.
 *
 * <p>Label sets compare label by label (name bytes, then value bytes); a set that is a prefix of another
 * sorts first. This is the order of series in a TSDB index and of every StoreAPI Series stream.
 */
public final class Labels implements Comparable<Labels>, Iterable<Label> {

  /** The empty label set. */
  public static final Labels EMPTY = new Labels(new String[0], new String[0]);

  private final String[] names;
  private final String[] values;
  private int hash;

  private Labels(String[] names, String[] values) {
    this.names = names;
    this.values = values;
  }

  /**
   * Builds a label set from alternating names and values, in any order.
   *
   * @throws IllegalArgumentException on an odd count, an empty name or a duplicate name
   */
  public static Labels of(String... nameValuePairs) {
    if (nameValuePairs.length % 2 != 0) {
      throw new IllegalArgumentException("labels need name/value pairs, got " + nameValuePairs.length + " strings");
    }
    List<Label> list = new ArrayList<>(nameValuePairs.length / 2);
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      list.add(new Label(nameValuePairs[i], nameValuePairs[i + 1]));
    }
    return fromLabels(list);
  }

  /** Builds a label set from a map. */
  public static Labels fromMap(Map<String, String> map) {
    List<Label> list = new ArrayList<>(map.size());
    map.forEach((k, v) -> list.add(new Label(k, v)));
    return fromLabels(list);
  }

  /**
   * Builds a label set from labels in any order.
   *
   * @throws IllegalArgumentException on a duplicate name
   */
  public static Labels fromLabels(Collection<Label> labels) {
    Label[] sorted = labels.toArray(new Label[0]);
    Arrays.sort(sorted);
    String[] n = new String[sorted.length];
    String[] v = new String[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      if (i > 0 && sorted[i - 1].name().equals(sorted[i].name())) {
        throw new IllegalArgumentException("duplicate label name: " + sorted[i].name());
      }
      n[i] = sorted[i].name();
      v[i] = sorted[i].value();
    }
    return new Labels(n, v);
  }

  /**
   * Wraps already sorted, unique arrays without copying. For decoders that read labels in index order.
   *
   * @throws IllegalArgumentException if the names are not strictly ascending
   */
  public static Labels fromSortedArrays(String[] names, String[] values) {
    if (names.length != values.length) {
      throw new IllegalArgumentException("names and values differ in length");
    }
    for (int i = 0; i < names.length; i++) {
      Objects.requireNonNull(names[i], "label name");
      Objects.requireNonNull(values[i], "label value");
      if (names[i].isEmpty()) {
        throw new IllegalArgumentException("label name must not be empty");
      }
      if (i > 0 && Utf8Order.compare(names[i - 1], names[i]) >= 0) {
        throw new IllegalArgumentException(
            "label names not strictly ascending: " + names[i - 1] + ", " + names[i]);
      }
    }
    return new Labels(names, values);
  }

  /** A builder starting empty. */
  public static Builder builder() {
    return new Builder(EMPTY);
  }

  /** A builder starting from this set. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Number of labels. */
  public int size() {
    return names.length;
  }

  /** Whether the set has no labels. */
  public boolean isEmpty() {
    return names.length == 0;
  }

  /** The i-th name in sort order. */
  public String name(int i) {
    return names[i];
  }

  /** The i-th value in sort order. */
  public String value(int i) {
    return values[i];
  }

  /** The i-th label. */
  public Label label(int i) {
    return new Label(names[i], values[i]);
  }

  /** The value of {@code name}, or the empty string when absent (Prometheus semantics). */
  public String get(String name) {
    int i = indexOf(name);
    return i < 0 ? "" : values[i];
  }

  /** Whether a label named {@code name} exists. */
  public boolean has(String name) {
    return indexOf(name) >= 0;
  }

  private int indexOf(String name) {
    int lo = 0;
    int hi = names.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Utf8Order.compare(names[mid], name);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** The metric name ({@code __name__}), or empty. */
  public String metricName() {
    return get(Label.METRIC_NAME);
  }

  /** This set without the named labels. */
  public Labels without(Collection<String> drop) {
    if (drop.isEmpty()) {
      return this;
    }
    int keep = 0;
    for (String n : names) {
      if (!drop.contains(n)) {
        keep++;
      }
    }
    if (keep == names.length) {
      return this;
    }
    String[] n = new String[keep];
    String[] v = new String[keep];
    int j = 0;
    for (int i = 0; i < names.length; i++) {
      if (!drop.contains(names[i])) {
        n[j] = names[i];
        v[j++] = values[i];
      }
    }
    return new Labels(n, v);
  }

  /** This set with only the named labels. */
  public Labels keepOnly(Collection<String> keepNames) {
    Builder b = builder();
    for (int i = 0; i < names.length; i++) {
      if (keepNames.contains(names[i])) {
        b.set(names[i], values[i]);
      }
    }
    return b.build();
  }

  /** This set without {@code __name__}. */
  public Labels withoutMetricName() {
    return has(Label.METRIC_NAME) ? without(Set.of(Label.METRIC_NAME)) : this;
  }

  /** The labels as an insertion-ordered (sorted) map. */
  public Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      m.put(names[i], values[i]);
    }
    return m;
  }

  /** The labels as a list. */
  public List<Label> toList() {
    List<Label> l = new ArrayList<>(names.length);
    for (int i = 0; i < names.length; i++) {
      l.add(new Label(names[i], values[i]));
    }
    return l;
  }

  @Override
  public Iterator<Label> iterator() {
    return new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return i < names.length;
      }

      @Override
      public Label next() {
        if (i >= names.length) {
          throw new NoSuchElementException();
        }
        Label l = new Label(names[i], values[i]);
        i++;
        return l;
      }
    };
  }

  /** Label-by-label comparison by UTF-8 bytes; a prefix sorts first. */
  @Override
  public int compareTo(Labels o) {
    int n = Math.min(names.length, o.names.length);
    for (int i = 0; i < n; i++) {
      int c = Utf8Order.compare(names[i], o.names[i]);
      if (c != 0) {
        return c;
      }
      c = Utf8Order.compare(values[i], o.values[i]);
      if (c != 0) {
        return c;
      }
    }
    return names.length - o.names.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Labels other
        && Arrays.equals(names, other.names)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
      hash = h;
    }
    return h;
  }

  /** Prometheus' rendering: {@code {a="1", b="2"}}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(names[i]).append('=').append(PromStrings.quote(values[i]));
    }
    return sb.append('}').toString();
  }

  /**
   * Mutable builder. Setting an empty value removes the label, as in Prometheus' label builder.
   */
  public static final class Builder {
    private final Map<String, String> map = new LinkedHashMap<>();

    private Builder(Labels base) {
      for (int i = 0; i < base.names.length; i++) {
        map.put(base.names[i], base.values[i]);
      }
    }

    /** Sets (or, with an empty value, removes) a label. */
    public Builder set(String name, String value) {
      if (value == null || value.isEmpty()) {
        map.remove(name);
      } else {
        new Label(name, value);
        map.put(name, value);
      }
      return this;
    }

    /** Removes a label. */
    public Builder delete(String name) {
      map.remove(name);
      return this;
    }

    /** The current value or empty. */
    public String get(String name) {
      return map.getOrDefault(name, "");
    }

    /** Builds the sorted set. */
    public Labels build() {
      return fromMap(map);
    }
  }
}
