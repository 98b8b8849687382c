package io.thanosjvm.tsdb.record;

import io.thanosjvm.model.Labels;
import java.util.Arrays;
import java.util.Objects;

/**
 * A reusable list of {@code (series ref, labels)} pairs: the content of one Series record. {@link #clear()} keeps
 * the capacity. Not thread-safe.
 */
public final class SeriesRecord {

  private long[] refs = new long[8];
  private Labels[] labels = new Labels[8];
  private int size;

  /** Removes all entries, keeping the capacity (label references are dropped). */
  public void clear() {
    Arrays.fill(labels, 0, size, null);
    size = 0;
  }

  /** Number of series. */
  public int size() {
    return size;
  }

  /** Whether there are no series. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** Appends a series. */
  public void add(long ref, Labels lset) {
    Objects.requireNonNull(lset, "labels");
    if (size == refs.length) {
      int cap = refs.length * 2;
      refs = Arrays.copyOf(refs, cap);
      labels = Arrays.copyOf(labels, cap);
    }
    refs[size] = ref;
    labels[size] = lset;
    size++;
  }

  /** The ref of entry {@code i}. */
  public long ref(int i) {
    check(i);
    return refs[i];
  }

  /** The labels of entry {@code i}. */
  public Labels labels(int i) {
    check(i);
    return labels[i];
  }

  private void check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("series " + i + " of " + size);
    }
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("SeriesRecord[");
    for (int i = 0; i < size && i < 10; i++) {
      b.append(i == 0 ? "" : ", ").append(refs[i]).append('=').append(labels[i]);
    }
    return b.append(size > 10 ? ", ... " + size + " series]" : "]").toString();
  }
}
