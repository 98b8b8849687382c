package io.thanosjvm.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The per-series shortcuts of range functions give bit-for-bit what a scan of each window gives: reset and change
 * counts from prefix counts, and rate/increase skipping the reset correction when a window has no reset.
 */
class RangeWindowShortcutsTest {

  private static final double[] SPECIALS = {Double.NaN, 0.0, -0.0, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, -5, 1e308};

  @Test
  void windowCountsOfResetsAndChangesEqualAScanOfTheWindow() {
    SplittableRandom r = new SplittableRandom(3);
    PairCounts pairs = new PairCounts();
    for (int round = 0; round < 300; round++) {
      double[] vs = series(r, r.nextInt(1, 60));
      int n = vs.length;
      pairs.indexResets(vs, n);
      for (int lo = 0; lo < n; lo++) {
        for (int hi = lo + 1; hi <= n; hi++) {
          assertThat(pairs.inWindow(lo, hi)).as("resets in [%d,%d)", lo, hi).isEqualTo(scanResets(vs, lo, hi));
        }
      }
      pairs.indexChanges(vs, n);
      for (int lo = 0; lo < n; lo++) {
        for (int hi = lo + 1; hi <= n; hi++) {
          assertThat(pairs.inWindow(lo, hi)).as("changes in [%d,%d)", lo, hi).isEqualTo(scanChanges(vs, lo, hi));
        }
      }
    }
  }

  @Test
  void rateAndIncreaseWithoutAResetInTheWindowEqualTheFullCorrectionLoop() {
    SplittableRandom r = new SplittableRandom(5);
    RangeFunctions fn = new RangeFunctions();
    for (int round = 0; round < 300; round++) {
      double[] vs = series(r, r.nextInt(2, 40));
      int n = vs.length;
      long[] ts = new long[n];
      for (int i = 0; i < n; i++) {
        ts[i] = 1_000_000L + i * 15_000L + r.nextInt(0, 3_000);
      }
      fn.pairs.indexResets(vs, n);
      for (int lo = 0; lo < n; lo++) {
        for (int hi = lo + 2; hi <= n; hi++) {
          boolean anyReset = fn.pairs.inWindow(lo, hi) > 0;
          long end = ts[hi - 1] + r.nextInt(0, 20_000);
          long start = Math.min(ts[lo], end - 300_000);
          for (boolean rate : new boolean[] {true, false}) {
            double fast = fn.extrapolatedRate(ts, vs, lo, hi, start, end, true, rate, anyReset);
            double full = fn.extrapolatedRate(ts, vs, lo, hi, start, end, true, rate, true);
            assertThat(Double.doubleToRawLongBits(fast)).as("rate=%s [%d,%d)", rate, lo, hi)
                .isEqualTo(Double.doubleToRawLongBits(full));
          }
        }
      }
    }
  }

  /** Mostly rising counters with resets, plateaus, negatives and special values. */
  private static double[] series(SplittableRandom r, int n) {
    double[] vs = new double[n];
    double v = r.nextInt(-3, 100);
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(20);
      if (k == 0) {
        v = r.nextInt(-2, 3); // reset
      } else if (k == 1) {
        vs[i] = SPECIALS[r.nextInt(SPECIALS.length)];
        continue;
      } else if (k > 4) {
        v += r.nextInt(0, 50) * 0.5;
      }
      vs[i] = v;
    }
    return vs;
  }

  private static int scanResets(double[] vs, int lo, int hi) {
    int c = 0;
    for (int i = lo + 1; i < hi; i++) {
      if (vs[i] < vs[i - 1]) {
        c++;
      }
    }
    return c;
  }

  private static int scanChanges(double[] vs, int lo, int hi) {
    int c = 0;
    for (int i = lo + 1; i < hi; i++) {
      if (vs[i] != vs[i - 1] && !(Double.isNaN(vs[i]) && Double.isNaN(vs[i - 1]))) {
        c++;
      }
    }
    return c;
  }
}
