package io.thanosjvm.compact.downsample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.thanosjvm.tsdb.chunkenc.AggrChunk;
import io.thanosjvm.tsdb.chunkenc.AggrType;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks aggregate chunks against a direct computation from the raw samples (NaN and stale markers
 * removed). A window sample at {@code T} covers the raw samples in
 * {@code [max(start of T's window, previous window sample + 1), T]}.
 */
final class RawTruth {

  private final long[] ts;
  private final double[] vs;

  RawTruth(long[] rawTs, double[] rawVs) {
    int m = 0;
    for (double v : rawVs) {
      if (!Double.isNaN(v)) {
        m++;
      }
    }
    ts = new long[m];
    vs = new double[m];
    int j = 0;
    for (int i = 0; i < rawTs.length; i++) {
      if (!Double.isNaN(rawVs[i])) {
        ts[j] = rawTs[i];
        vs[j] = rawVs[i];
        j++;
      }
    }
  }

  int size() {
    return ts.length;
  }

  /** Verifies count, sum, min, max and counter of all chunks of one series; returns the number of windows. */
  int verify(List<AggrChunk> chunks, long resolution, double sumTolerance) {
    int windows = 0;
    for (AggrType type : new AggrType[] {AggrType.COUNT, AggrType.SUM, AggrType.MIN, AggrType.MAX}) {
      long prev = Long.MIN_VALUE;
      long counted = 0;
      int w = 0;
      XorIterator it = new XorIterator();
      for (AggrChunk c : chunks) {
        c.iterator(type, it);
        while (it.next()) {
          long t = it.atT();
          long start = Math.max(t - Math.floorMod(t, resolution), prev + 1);
          int from = lowerBound(start);
          int to = lowerBound(t + 1);
          assertThat(to).as("%s window at %d has raw samples", type, t).isGreaterThan(from);
          double expected = expected(type, from, to);
          if (type == AggrType.SUM) {
            assertThat(it.atV()).as("sum at %d", t).isCloseTo(expected, within(sumTolerance * Math.abs(expected) + 1e-9));
          } else {
            assertThat(it.atV()).as("%s at %d", type, t).isEqualTo(expected);
          }
          if (type == AggrType.COUNT) {
            counted += to - from;
          }
          prev = t;
          w++;
        }
      }
      if (type == AggrType.COUNT) {
        assertThat(counted).as("every raw sample is in exactly one window").isEqualTo(ts.length);
        windows = w;
      }
    }
    verifyCounter(chunks, sumTolerance);
    return windows;
  }

  private double expected(AggrType type, int from, int to) {
    double r = switch (type) {
      case COUNT -> to - from;
      case SUM -> 0;
      case MIN -> Double.POSITIVE_INFINITY;
      case MAX -> Double.NEGATIVE_INFINITY;
      case COUNTER -> throw new IllegalArgumentException();
    };
    if (type == AggrType.COUNT) {
      return r;
    }
    for (int i = from; i < to; i++) {
      r = switch (type) {
        case SUM -> r + vs[i];
        case MIN -> Math.min(r, vs[i]);
        default -> Math.max(r, vs[i]);
      };
    }
    return r;
  }

  /** Counter sub-chunk: first raw sample, one reset-compensated value per window, last raw value. */
  private void verifyCounter(List<AggrChunk> chunks, double tolerance) {
    XorIterator it = new XorIterator();
    XorIterator counts = new XorIterator();
    for (AggrChunk c : chunks) {
      List<long[]> t = new ArrayList<>();
      List<Double> v = new ArrayList<>();
      c.iterator(AggrType.COUNTER, it);
      while (it.next()) {
        t.add(new long[] {it.atT()});
        v.add(it.atV());
      }
      List<Long> windowTs = new ArrayList<>();
      c.iterator(AggrType.COUNT, counts);
      while (counts.next()) {
        windowTs.add(counts.atT());
      }
      int k = t.size() - 1;
      assertThat(k).as("counter has first, windows and last").isEqualTo(windowTs.size() + 1);
      long t0 = t.get(0)[0];
      int first = lowerBound(t0);
      assertThat(ts[first]).as("counter starts at a raw sample").isEqualTo(t0);
      assertThat(v.get(0)).as("first raw value at %d", t0).isEqualTo(vs[first]);
      double total = vs[first];
      int i = first;
      for (int w = 1; w < k; w++) {
        long tw = t.get(w)[0];
        assertThat(tw).isEqualTo(windowTs.get(w - 1));
        while (i + 1 < ts.length && ts[i + 1] <= tw) {
          i++;
          total += vs[i] >= vs[i - 1] ? vs[i] - vs[i - 1] : vs[i];
        }
        assertThat(v.get(w)).as("counter at %d", tw).isCloseTo(total, within(tolerance * Math.abs(total) + 1e-9));
      }
      assertThat(t.get(k)[0]).as("last raw value repeats the last window time").isEqualTo(t.get(k - 1)[0]);
      assertThat(v.get(k)).as("last raw value").isEqualTo(vs[lowerBound(t.get(k)[0] + 1) - 1]);
    }
  }

  private int lowerBound(long t) {
    int lo = 0;
    int hi = ts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ts[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
