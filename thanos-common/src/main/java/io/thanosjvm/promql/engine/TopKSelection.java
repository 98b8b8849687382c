package io.thanosjvm.promql.engine;

import java.util.Arrays;

/**
 * The k best series of one group at one step for {@code topk}/{@code bottomk}, chosen in one pass with a bounded
 * heap of series indices instead of sorting every candidate: the same series, in the same order, as a stable sort
 * of the candidates (best first, NaN last, ties in input order) cut after k.
 */
final class TopKSelection {

  private final boolean top;
  private int[] heap = new int[16];
  private int size;
  private int k;
  private double[][] values;
  private int step;

  /** A selection for {@code topk} ({@code top}) or {@code bottomk}. */
  TopKSelection(boolean top) {
    this.top = top;
  }

  /** Starts a selection of at most {@code k} (≥ 1) indices over {@code values[s][step]}. */
  void reset(int k, double[][] values, int step) {
    this.k = k;
    this.values = values;
    this.step = step;
    this.size = 0;
  }

  /** Offers series {@code s}; candidates must be offered in ascending index order. */
  void offer(int s) {
    if (size < k) {
      if (size == heap.length) {
        heap = Arrays.copyOf(heap, Math.min(Math.max(size * 2, 16), Math.max(k, 16)));
      }
      heap[size] = s;
      siftUp(size++);
    } else if (before(s, heap[0])) {
      heap[0] = s;
      siftDown(0);
    }
  }

  /** How many were kept. */
  int size() {
    return size;
  }

  /** The kept indices, best first (destroys the heap). */
  int[] drainBestFirst() {
    int[] out = new int[size];
    for (int i = size - 1; i >= 0; i--) {
      out[i] = heap[0];
      heap[0] = heap[--size];
      siftDown(0);
    }
    return out;
  }

  /** The kept indices in no particular order. */
  int at(int i) {
    return heap[i];
  }

  /** True when series a ranks before series b: better value, NaN last, ties by input order. */
  private boolean before(int a, int b) {
    double va = values[a][step];
    double vb = values[b][step];
    boolean na = Double.isNaN(va);
    boolean nb = Double.isNaN(vb);
    int c;
    if (na || nb) {
      c = Boolean.compare(na, nb);
    } else {
      c = top ? Double.compare(vb, va) : Double.compare(va, vb);
    }
    return c < 0 || (c == 0 && a < b);
  }

  // A max-heap on the ranking: the root is the worst kept series, the one a better candidate replaces.
  private void siftUp(int i) {
    int x = heap[i];
    while (i > 0) {
      int p = (i - 1) >>> 1;
      if (!before(heap[p], x)) {
        break;
      }
      heap[i] = heap[p];
      i = p;
    }
    heap[i] = x;
  }

  private void siftDown(int i) {
    int x = heap[i];
    int half = size >>> 1;
    while (i < half) {
      int c = 2 * i + 1;
      if (c + 1 < size && before(heap[c], heap[c + 1])) {
        c++;
      }
      if (!before(x, heap[c])) {
        break;
      }
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = x;
  }
}
