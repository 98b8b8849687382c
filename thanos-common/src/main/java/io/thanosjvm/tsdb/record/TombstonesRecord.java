package io.thanosjvm.tsdb.record;

import java.util.Arrays;

/**
 * A reusable list of deletion intervals {@code (series ref, mint, maxt)} (inclusive, ms): the content of one
 * Tombstones record, one entry per (series, interval) as Prometheus writes it. Not thread-safe.
 */
public final class TombstonesRecord {

  private long[] refs = new long[4];
  private long[] mints = new long[4];
  private long[] maxts = new long[4];
  private int size;

  /** Removes all entries, keeping the capacity. */
  public void clear() {
    size = 0;
  }

  /** Number of intervals. */
  public int size() {
    return size;
  }

  /** Whether there are no intervals. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** Appends the deletion of {@code [mint, maxt]} from series {@code ref}. */
  public void add(long ref, long mint, long maxt) {
    if (size == refs.length) {
      int cap = refs.length * 2;
      refs = Arrays.copyOf(refs, cap);
      mints = Arrays.copyOf(mints, cap);
      maxts = Arrays.copyOf(maxts, cap);
    }
    refs[size] = ref;
    mints[size] = mint;
    maxts[size] = maxt;
    size++;
  }

  /** The series ref of interval {@code i}. */
  public long ref(int i) {
    check(i);
    return refs[i];
  }

  /** The first deleted timestamp of interval {@code i}. */
  public long mint(int i) {
    check(i);
    return mints[i];
  }

  /** The last deleted timestamp of interval {@code i}. */
  public long maxt(int i) {
    check(i);
    return maxts[i];
  }

  private void check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("interval " + i + " of " + size);
    }
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("TombstonesRecord[");
    for (int i = 0; i < size; i++) {
      b.append(i == 0 ? "" : ", ").append(refs[i]).append(":[").append(mints[i]).append(',').append(maxts[i])
          .append(']');
    }
    return b.append(']').toString();
  }
}
