package io.thanosjvm.head;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.StaleMarker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deterministic workload for the interop tests: a counter and a gauge per instance (the gauge cycling through
 * NaN, +Inf and -Inf), and churned series that live 40 minutes and end with a stale marker, scraped every 30s.
 */
final class InteropData {

  static final long STEP = 30_000L;

  /** One scrape: the samples of one commit. */
  record Scrape(long t, List<Labels> labels, double[] values) {}

  private InteropData() {}

  static List<Scrape> scrapes(long start, long end) {
    return scrapes(start, end, 3);
  }

  static List<Scrape> scrapes(long start, long end, int instances) {
    List<Scrape> out = new ArrayList<>();
    for (long t = start; t <= end; t += STEP) {
      int i = (int) ((t - start) / STEP);
      List<Labels> ls = new ArrayList<>();
      List<Double> vs = new ArrayList<>();
      for (int inst = 0; inst < instances; inst++) {
        ls.add(Labels.of("__name__", "http_requests_total", "instance", "i" + inst, "job", "api"));
        vs.add((double) (i * (inst + 1)) + 0.25);
        ls.add(Labels.of("__name__", "temperature_celsius", "instance", "i" + inst, "job", "api"));
        double g = i % 9 == 2 ? Double.NaN : i % 9 == 5 ? Double.POSITIVE_INFINITY
            : i % 9 == 7 ? Double.NEGATIVE_INFINITY : 20.5 + Math.sin(i / 10.0) * (inst + 1);
        vs.add(g);
      }
      // churned pods: pod k lives from 20*k minutes for 40 minutes, then gets a stale marker
      long minutes = (t - start) / 60_000L;
      for (long k = Math.max(0, minutes / 20 - 2); k <= minutes / 20; k++) {
        long born = k * 20;
        long age = minutes - born;
        if (age < 0) {
          continue;
        }
        Labels pod = Labels.of("__name__", "pod_up", "pod", "pod-" + k);
        if (age < 40) {
          ls.add(pod);
          vs.add(1.0);
        } else if (age == 40 && (t - start) % 60_000L == 0) {
          ls.add(pod);
          vs.add(StaleMarker.STALE_NAN);
        }
      }
      double[] v = new double[vs.size()];
      for (int j = 0; j < v.length; j++) {
        v[j] = vs.get(j);
      }
      out.add(new Scrape(t, ls, v));
    }
    return out;
  }

  /** The samples of the scrapes per series, as {@link StoredSamples} strings, in [mint, maxt]. */
  static Map<Labels, List<String>> expected(List<Scrape> scrapes, long mint, long maxt) {
    Map<Labels, List<String>> out = new TreeMap<>();
    for (Scrape s : scrapes) {
      if (s.t() < mint || s.t() > maxt) {
        continue;
      }
      for (int j = 0; j < s.labels().size(); j++) {
        out.computeIfAbsent(s.labels().get(j), k -> new ArrayList<>()).add(StoredSamples.sample(s.t(), s.values()[j]));
      }
    }
    return out;
  }
}
