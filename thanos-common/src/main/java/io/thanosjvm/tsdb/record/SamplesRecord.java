package io.thanosjvm.tsdb.record;

import java.util.Arrays;

/**
 * A reusable batch of float samples {@code (series ref, timestamp ms, value)} in parallel primitive arrays: the
 * content of one Samples record. Values are kept as raw float64 bits so NaN payloads such as the stale marker
 * ({@code 0x7ff0000000000002}) survive unchanged. {@link #clear()} keeps the capacity, so a decoder or an
 * appender reuses one instance without allocating per sample. Not thread-safe.
 */
public final class SamplesRecord {

  private long[] refs;
  private long[] timestamps;
  private long[] valueBits;
  private int size;

  /** An empty batch with a small initial capacity. */
  public SamplesRecord() {
    this(16);
  }

  /** An empty batch with room for {@code capacity} samples before growing. */
  public SamplesRecord(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
    }
    refs = new long[capacity];
    timestamps = new long[capacity];
    valueBits = new long[capacity];
  }

  /** Removes all samples, keeping the capacity. */
  public void clear() {
    size = 0;
  }

  /** Number of samples. */
  public int size() {
    return size;
  }

  /** Whether there are no samples. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** Appends a sample. */
  public void add(long ref, long timestamp, double value) {
    addBits(ref, timestamp, Double.doubleToRawLongBits(value));
  }

  /** Appends a sample given the raw bits of its value. */
  public void addBits(long ref, long timestamp, long bits) {
    if (size == refs.length) {
      grow(size + 1);
    }
    refs[size] = ref;
    timestamps[size] = timestamp;
    valueBits[size] = bits;
    size++;
  }

  /** Ensures room for {@code n} samples in total. */
  public void ensureCapacity(int n) {
    if (n > refs.length) {
      grow(n);
    }
  }

  private void grow(int min) {
    int cap = Math.max(min, Math.max(16, refs.length + (refs.length >> 1)));
    refs = Arrays.copyOf(refs, cap);
    timestamps = Arrays.copyOf(timestamps, cap);
    valueBits = Arrays.copyOf(valueBits, cap);
  }

  /** The series ref of sample {@code i}. */
  public long ref(int i) {
    check(i);
    return refs[i];
  }

  /** The timestamp (ms) of sample {@code i}. */
  public long timestamp(int i) {
    check(i);
    return timestamps[i];
  }

  /** The value of sample {@code i}. */
  public double value(int i) {
    check(i);
    return Double.longBitsToDouble(valueBits[i]);
  }

  /** The raw float64 bits of the value of sample {@code i}. */
  public long valueBits(int i) {
    check(i);
    return valueBits[i];
  }

  /**
   * The backing refs array (valid up to {@link #size()}); for hot loops. It is replaced when the batch grows.
   */
  public long[] refsArray() {
    return refs;
  }

  /** The backing timestamps array (valid up to {@link #size()}). */
  public long[] timestampsArray() {
    return timestamps;
  }

  /** The backing value-bits array (valid up to {@link #size()}). */
  public long[] valueBitsArray() {
    return valueBits;
  }

  private void check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("sample " + i + " of " + size);
    }
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("SamplesRecord[");
    for (int i = 0; i < size && i < 10; i++) {
      b.append(i == 0 ? "" : ", ").append(refs[i]).append('@').append(timestamps[i]).append('=')
          .append(Double.longBitsToDouble(valueBits[i]));
    }
    return b.append(size > 10 ? ", ... " + size + " samples]" : "]").toString();
  }
}
