package io.thanosjvm.store.testkit;

import io.thanosjvm.model.Labels;
import io.thanosjvm.store.testkit.StoreApiAcceptanceKit.DatasetSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-written series of the acceptance dataset, at offsets from a base time: five hours of data (three 2h
 * block windows when the base is 2h-aligned), counters, gauges, label values with regex-special characters,
 * quotes and unicode, a label missing on some series, series living only at the start or the end, a series with a
 * two-hour gap, label sets that are prefixes of each other (external labels can reorder them) and IEEE special
 * values. No series uses the external label names {@code region} or {@code replica}, and no label value is empty
 * (an empty value means "absent" in Prometheus).
 */
final class StoreApiAcceptanceData {

  static final long SECOND = 1_000;
  static final long MINUTE = 60 * SECOND;
  static final long HOUR = 60 * MINUTE;
  /** Length of the dataset: the last sample of full-span series sits at base + 5h. */
  static final long SPAN = 5 * HOUR;

  /** Label values that mean something to a regex engine or a selector parser. */
  static final List<String> SPECIAL_PATTERNS = List.of("a.b", "a+b", "(x|y)", "[abc]", "a*", "^anchored$",
      "back\\slash", "{braces}", "?", "quote\"d", "new\nline");

  static final List<String> CITIES = List.of("Zürich", "東京", "São Paulo", "😀 emoji");

  private StoreApiAcceptanceData() {}

  /** The standard series; the first one starts at {@code base} (remote write needs the oldest sample first). */
  static List<DatasetSeries> standard(long base) {
    List<DatasetSeries> out = new ArrayList<>();
    int seed = 0;
    for (String job : List.of("api", "db")) {
      for (String code : List.of("200", "500")) {
        for (String handler : List.of("/api/v1/query", "/api/v1/label/:name/values")) {
          out.add(counter(Labels.of("__name__", "http_requests_total", "job", job, "code", code,
              "handler", handler), base, 0, SPAN, 30 * SECOND, ++seed));
        }
      }
    }
    for (int i = 0; i < CITIES.size(); i++) {
      out.add(gauge(Labels.of("__name__", "temperature_celsius", "city", CITIES.get(i),
          "Zone", i < 2 ? "europe" : "elsewhere"), base, 0, SPAN, MINUTE, i));
    }
    for (int i = 0; i < SPECIAL_PATTERNS.size(); i++) {
      out.add(gauge(Labels.of("__name__", "regex_special", "pattern", SPECIAL_PATTERNS.get(i)),
          base, 0, SPAN, 5 * MINUTE, 100 + i));
    }
    String[][] ups = {{"api", "i-1", "prod"}, {"api", "i-2", "prod"}, {"db", "i-1", "staging"},
        {"db", "i-2", null}, {"cache", "i-1", null}, {"cache", "i-2", null}};
    for (String[] u : ups) {
      Labels.Builder b = Labels.builder().set("__name__", "up").set("job", u[0]).set("instance", u[1]);
      if (u[2] != null) {
        b.set("env", u[2]);
      }
      out.add(upSeries(b.build(), base, 15 * SECOND, u[1].equals("i-2") && u[0].equals("db")));
    }
    out.add(gauge(Labels.of("__name__", "old_series", "job", "batch"), base, 0, 90 * MINUTE, MINUTE, 7));
    out.add(gauge(Labels.of("__name__", "late_series", "job", "batch"), base, 210 * MINUTE, SPAN, MINUTE, 8));
    out.add(gappy(Labels.of("__name__", "gappy_series", "job", "batch"), base));
    out.add(gauge(Labels.of("__name__", "sort_probe"), base, 0, SPAN, 10 * MINUTE, 9));
    out.add(gauge(Labels.of("__name__", "sort_probe", "a", "1"), base, 0, SPAN, 10 * MINUTE, 10));
    out.add(gauge(Labels.of("__name__", "sort_probe", "a", "1", "zz", "last"), base, 0, SPAN, 10 * MINUTE, 11));
    out.add(specialValues(Labels.of("__name__", "special_values", "job", "ieee"), base));
    return out;
  }

  private static int count(long from, long to, long step) {
    return (int) ((to - from) / step) + 1;
  }

  private static DatasetSeries counter(Labels l, long base, long from, long to, long step, int seed) {
    int n = count(from, to, step);
    long[] ts = new long[n];
    double[] vs = new double[n];
    double acc = seed;
    for (int k = 0; k < n; k++) {
      ts[k] = base + from + k * step;
      acc += (k * 7 + seed * 13) % 11;
      if (k == n / 3 && seed % 3 == 0) {
        acc = 1; // a counter reset
      }
      vs[k] = acc;
    }
    return new DatasetSeries(l, ts, vs);
  }

  private static DatasetSeries gauge(Labels l, long base, long from, long to, long step, int seed) {
    int n = count(from, to, step);
    long[] ts = new long[n];
    double[] vs = new double[n];
    for (int k = 0; k < n; k++) {
      ts[k] = base + from + k * step;
      vs[k] = Math.round(Math.sin(k / 7.0 + seed) * 1000) / 10.0 + seed;
    }
    return new DatasetSeries(l, ts, vs);
  }

  /** 0/1 every step; {@code flapping} goes down for ten minutes every hour. */
  private static DatasetSeries upSeries(Labels l, long base, long step, boolean flapping) {
    int n = count(0, SPAN, step);
    long[] ts = new long[n];
    double[] vs = new double[n];
    for (int k = 0; k < n; k++) {
      ts[k] = base + k * step;
      vs[k] = flapping && (k * step) % HOUR < 10 * MINUTE ? 0 : 1;
    }
    return new DatasetSeries(l, ts, vs);
  }

  /** Samples every minute except from 1h to 3h (the gap crosses the 2h block edge). */
  private static DatasetSeries gappy(Labels l, long base) {
    List<Long> ts = new ArrayList<>();
    for (long t = 0; t <= SPAN; t += MINUTE) {
      if (t < HOUR || t > 3 * HOUR) {
        ts.add(base + t);
      }
    }
    long[] t = ts.stream().mapToLong(Long::longValue).toArray();
    double[] v = new double[t.length];
    for (int k = 0; k < v.length; k++) {
      v[k] = k * 0.5;
    }
    return new DatasetSeries(l, t, v);
  }

  /** NaN, infinities, negative zero, extreme magnitudes, every two minutes. */
  private static DatasetSeries specialValues(Labels l, long base) {
    double[] cycle = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
        Double.MAX_VALUE, -1.5e-300, 42};
    int n = count(0, SPAN, 2 * MINUTE);
    long[] ts = new long[n];
    double[] vs = new double[n];
    for (int k = 0; k < n; k++) {
      ts[k] = base + k * 2 * MINUTE;
      vs[k] = cycle[k % cycle.length];
    }
    return new DatasetSeries(l, ts, vs);
  }
}
