package io.thanosjvm.promql.storage;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.SampleIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A mutable in-memory {@link Queryable}: append samples per series (in timestamp order per series), then
 * query. Appending while queries run is not supported.
 */
public final class InMemoryQueryable implements Queryable {

  private final TreeMap<Labels, Buffer> series = new TreeMap<>();

  private static final class Buffer {
    long[] ts = new long[8];
    double[] vs = new double[8];
    int n;
  }

  /**
   * Appends a sample. A sample at the same timestamp as the last one replaces it.
   *
   * @throws IllegalArgumentException if {@code t} is older than the series' last sample
   */
  public synchronized void append(Labels labels, long t, double v) {
    Buffer b = series.computeIfAbsent(labels, l -> new Buffer());
    if (b.n > 0 && b.ts[b.n - 1] >= t) {
      if (b.ts[b.n - 1] == t) {
        b.vs[b.n - 1] = v;
        return;
      }
      throw new IllegalArgumentException("out of order sample for " + labels + " at " + t);
    }
    if (b.n == b.ts.length) {
      b.ts = Arrays.copyOf(b.ts, b.n * 2);
      b.vs = Arrays.copyOf(b.vs, b.n * 2);
    }
    b.ts[b.n] = t;
    b.vs[b.n] = v;
    b.n++;
  }

  /** Drops every series. */
  public synchronized void clear() {
    series.clear();
  }

  /** The number of series. */
  public synchronized int seriesCount() {
    return series.size();
  }

  @Override
  public synchronized SeriesSet select(SelectHints hints, List<Matcher> matchers) {
    List<Series> out = new ArrayList<>();
    for (Map.Entry<Labels, Buffer> e : series.entrySet()) {
      boolean ok = true;
      for (Matcher m : matchers) {
        if (!m.matches(e.getKey())) {
          ok = false;
          break;
        }
      }
      Buffer b = e.getValue();
      if (!ok || b.n == 0 || b.ts[b.n - 1] < hints.start() || b.ts[0] > hints.end()) {
        continue;
      }
      long[] ts = b.ts;
      double[] vs = b.vs;
      int n = b.n;
      Labels labels = e.getKey();
      out.add(new Series() {
        @Override
        public Labels labels() {
          return labels;
        }

        @Override
        public SampleIterator iterator() {
          return new ArraySampleIterator(ts, vs, 0, n);
        }
      });
    }
    return new ListSeriesSet(out);
  }
}
