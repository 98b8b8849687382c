package io.thanosjvm.promql.engine;

/**
 * Prefix counts of adjacent sample pairs that are counter resets (the value drops) or value changes, over one
 * series' samples: the count inside any window is then two lookups instead of a scan, for {@code resets},
 * {@code changes} and the reset correction of {@code rate}/{@code increase}. Reused across series.
 */
final class PairCounts {

  /** {@code before[k]}: matching pairs {@code (i-1, i)} with {@code 1 <= i < k}. */
  private int[] before = new int[1];

  /** Indexes the pairs of {@code vs[0, n)} whose value drops, as {@code resets()} counts them. */
  void indexResets(double[] vs, int n) {
    int[] b = sized(n);
    for (int i = 1; i < n; i++) {
      b[i + 1] = b[i] + (vs[i] < vs[i - 1] ? 1 : 0);
    }
  }

  /** Indexes the pairs of {@code vs[0, n)} whose value changes, as {@code changes()} counts them (NaN to NaN is no change). */
  void indexChanges(double[] vs, int n) {
    int[] b = sized(n);
    for (int i = 1; i < n; i++) {
      double cur = vs[i];
      double prev = vs[i - 1];
      b[i + 1] = b[i] + (cur != prev && !(Double.isNaN(cur) && Double.isNaN(prev)) ? 1 : 0);
    }
  }

  /** Indexed pairs inside the window {@code [lo, hi)}, that is {@code (i-1, i)} with {@code lo < i < hi}; needs {@code hi > lo}. */
  int inWindow(int lo, int hi) {
    return before[hi] - before[lo + 1];
  }

  private int[] sized(int n) {
    if (before.length < n + 1) {
      before = new int[Math.max(n + 1, before.length * 2)];
    }
    before[0] = 0;
    if (n > 0) {
      before[1] = 0;
    }
    return before;
  }
}
