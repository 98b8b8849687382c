package io.thanosjvm.tsdb.index;

import java.util.Arrays;

/**
 * Set operations over postings lists: sorted, duplicate-free arrays of series references. All
 * operations are linear merges (with galloping when sizes differ a lot) and allocate only the result.
 */
public final class Postings {

  /** The empty list. */
  public static final int[] EMPTY = new int[0];

  private Postings() {}

  /** The series present in every list; the empty list when no lists are given. */
  public static int[] intersect(int[]... lists) {
    if (lists.length == 0) {
      return EMPTY;
    }
    int[][] sorted = lists.clone();
    Arrays.sort(sorted, (a, b) -> Integer.compare(a.length, b.length));
    int[] acc = sorted[0];
    for (int i = 1; i < sorted.length && acc.length > 0; i++) {
      acc = intersect(acc, sorted[i]);
    }
    return acc == sorted[0] && sorted.length == 1 ? acc.clone() : acc;
  }

  /** The series present in both lists. */
  public static int[] intersect(int[] a, int[] b) {
    if (a.length > b.length) {
      int[] t = a;
      a = b;
      b = t;
    }
    int[] out = new int[a.length];
    int n = 0;
    int j = 0;
    boolean gallop = b.length > 32L * a.length;
    for (int i = 0; i < a.length && j < b.length; i++) {
      int x = a[i];
      if (gallop) {
        j = lowerBound(b, j, x);
      } else {
        while (j < b.length && b[j] < x) {
          j++;
        }
      }
      if (j < b.length && b[j] == x) {
        out[n++] = x;
        j++;
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /** First index {@code >= from} whose value is {@code >= x}, by exponential then binary search. */
  static int lowerBound(int[] b, int from, int x) {
    int step = 1;
    int hi = from;
    while (hi < b.length && b[hi] < x) {
      from = hi + 1;
      hi += step;
      step <<= 1;
    }
    hi = Math.min(hi, b.length);
    int lo = from;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (b[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The union of the lists, deduplicated. */
  public static int[] merge(int[]... lists) {
    if (lists.length == 0) {
      return EMPTY;
    }
    int[] acc = lists[0];
    for (int i = 1; i < lists.length; i++) {
      acc = merge(acc, lists[i]);
    }
    return lists.length == 1 ? acc.clone() : acc;
  }

  /** The union of many lists, merged pairwise in rounds so the work stays at n log k. */
  public static int[] mergeAll(java.util.List<int[]> lists) {
    if (lists.isEmpty()) {
      return EMPTY;
    }
    java.util.List<int[]> round = lists;
    while (round.size() > 1) {
      java.util.List<int[]> next = new java.util.ArrayList<>((round.size() + 1) / 2);
      for (int i = 0; i < round.size(); i += 2) {
        next.add(i + 1 < round.size() ? merge(round.get(i), round.get(i + 1)) : round.get(i));
      }
      round = next;
    }
    return round.get(0);
  }

  /** The union of two lists. */
  public static int[] merge(int[] a, int[] b) {
    int[] out = new int[a.length + b.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length && j < b.length) {
      int x = a[i];
      int y = b[j];
      if (x < y) {
        out[n++] = x;
        i++;
      } else if (y < x) {
        out[n++] = y;
        j++;
      } else {
        out[n++] = x;
        i++;
        j++;
      }
    }
    while (i < a.length) {
      out[n++] = a[i++];
    }
    while (j < b.length) {
      out[n++] = b[j++];
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /** The series of {@code a} that are not in {@code b}. */
  public static int[] subtract(int[] a, int[] b) {
    int[] out = new int[a.length];
    int n = 0;
    int j = 0;
    for (int x : a) {
      while (j < b.length && b[j] < x) {
        j++;
      }
      if (j < b.length && b[j] == x) {
        continue;
      }
      out[n++] = x;
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }
}
