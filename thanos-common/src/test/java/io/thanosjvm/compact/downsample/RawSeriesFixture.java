package io.thanosjvm.compact.downsample;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.StaleMarker;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Hand-made raw series over two days: a gauge, counters with resets and gaps, stale markers, sparse data. */
final class RawSeriesFixture {

  /** Start of the data: an hour boundary plus 7 s so windows are not trivially aligned with samples. */
  static final long BASE = 1_699_999_200_000L + 7_000L;
  /** Two days. */
  static final long SPAN = 48 * 3_600_000L;

  /** A series with its raw samples. */
  record Series(Labels labels, long[] ts, double[] vs) {}

  private RawSeriesFixture() {}

  /** The series, in label order. */
  static List<Series> build() {
    List<Series> out = new ArrayList<>();
    Random rnd = new Random(42);
    out.add(gauge(rnd));
    out.add(counter(rnd, "a", 15_000, 0.002, 0));
    out.add(counter(rnd, "b", 30_000, 0.0005, 3 * 3_600_000L));
    out.add(staleAndNaN(rnd));
    out.add(sparse());
    out.add(single());
    out.sort((x, y) -> x.labels().compareTo(y.labels()));
    return out;
  }

  private static Series gauge(Random rnd) {
    int n = (int) (SPAN / 15_000);
    long[] ts = new long[n];
    double[] vs = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = BASE + i * 15_000L + rnd.nextInt(500);
      vs[i] = 50 + 40 * Math.sin(i / 300.0) + rnd.nextGaussian();
    }
    return new Series(Labels.of("__name__", "temperature", "room", "lab"), ts, vs);
  }

  /** A counter that resets with probability {@code resetP} per sample and has a gap in the middle. */
  private static Series counter(Random rnd, String job, long step, double resetP, long gap) {
    List<long[]> t = new ArrayList<>();
    List<Double> v = new ArrayList<>();
    double c = 1000 * rnd.nextDouble();
    for (long ts = BASE; ts < BASE + SPAN; ts += step) {
      if (gap > 0 && ts > BASE + SPAN / 3 && ts < BASE + SPAN / 3 + gap) {
        continue;
      }
      c = rnd.nextDouble() < resetP ? rnd.nextInt(5) : c + rnd.nextInt(20) + rnd.nextDouble();
      t.add(new long[] {ts});
      v.add(c);
    }
    long[] ts = new long[t.size()];
    double[] vs = new double[t.size()];
    for (int i = 0; i < ts.length; i++) {
      ts[i] = t.get(i)[0];
      vs[i] = v.get(i);
    }
    return new Series(Labels.of("__name__", "requests_total", "job", job), ts, vs);
  }

  private static Series staleAndNaN(Random rnd) {
    int n = (int) (SPAN / 60_000);
    long[] ts = new long[n];
    double[] vs = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = BASE + i * 60_000L;
      vs[i] = rnd.nextInt(100);
      if (i % 97 == 5) {
        vs[i] = StaleMarker.STALE_NAN;
      } else if (i % 211 == 7) {
        vs[i] = Double.NaN;
      }
    }
    // A stretch of stale markers only: whole windows without a value.
    for (int i = 1000; i < 1030; i++) {
      vs[i] = StaleMarker.STALE_NAN;
    }
    return new Series(Labels.of("__name__", "flaky", "instance", "x"), ts, vs);
  }

  private static Series sparse() {
    int n = (int) (SPAN / 600_000);
    long[] ts = new long[n];
    double[] vs = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = BASE + 123 + i * 600_000L;
      vs[i] = i * 1.5;
    }
    return new Series(Labels.of("__name__", "sparse"), ts, vs);
  }

  private static Series single() {
    return new Series(Labels.of("__name__", "once"), new long[] {BASE + SPAN / 2}, new double[] {3.25});
  }
}
