package io.thanosjvm.api;

import io.thanosjvm.model.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cardinality of the series a StoreAPI streams, in Prometheus' {@code /api/v1/status/tsdb} shape: series per
 * metric name, distinct values per label name, label value bytes per label name (each value's length times its
 * series, as Prometheus' {@code PostingsStats} counts) and series per label pair, each the top {@code limit} by count.
 *
 * <p>Series are fed in the querier proxy's order: sorted by labels, a label set arriving from several blocks or
 * stores merged into one by the proxy. A label set equal to the previous one is counted once more defensively, so
 * every series counts once whatever stores and blocks hold it. Memory: one counter per distinct label pair, never
 * per series.
 */
public final class TsdbStatus {

  private static final String METRIC_NAME = "__name__";

  private final Map<String, Map<String, long[]>> pairs = new HashMap<>();
  private Labels last;
  private long numSeries;

  /** Counts one series. */
  public void add(Labels labels) {
    if (labels.equals(last)) {
      return;
    }
    last = labels;
    numSeries++;
    for (int i = 0; i < labels.size(); i++) {
      pairs.computeIfAbsent(labels.name(i), k -> new HashMap<>()).computeIfAbsent(labels.value(i),
          k -> new long[1])[0]++;
    }
  }

  /** Distinct series counted. */
  public long numSeries() {
    return numSeries;
  }

  /** Series per metric name (all of them). */
  public Map<String, Long> seriesCountByMetricName() {
    Map<String, Long> out = new HashMap<>();
    pairs.getOrDefault(METRIC_NAME, Map.of()).forEach((v, c) -> out.put(v, c[0]));
    return out;
  }

  /** Distinct values per label name (all of them). */
  public Map<String, Long> labelValueCountByLabelName() {
    Map<String, Long> out = new HashMap<>();
    pairs.forEach((n, values) -> out.put(n, (long) values.size()));
    return out;
  }

  /** Series per {@code name=value} pair (all of them). */
  public Map<String, Long> seriesCountByLabelValuePair() {
    Map<String, Long> out = new HashMap<>();
    pairs.forEach((n, values) -> values.forEach((v, c) -> out.put(n + "=" + v, c[0])));
    return out;
  }

  /** Label value bytes per label name: the sum over its values of the value's UTF-8 length times its series. */
  public Map<String, Long> memoryInBytesByLabelName() {
    Map<String, Long> out = new HashMap<>();
    pairs.forEach((n, values) -> {
      long size = 0;
      for (Map.Entry<String, long[]> e : values.entrySet()) {
        size += (long) e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length * e.getValue()[0];
      }
      out.put(n, size);
    });
    return out;
  }

  /**
   * The answer's {@code data}: {@code headStats} (series, distinct label pairs, the time range asked) and the four
   * top-{@code limit} lists, highest count first, ties by name.
   */
  public String json(int limit, long minTime, long maxTime) {
    long numPairs = 0;
    for (Map<String, long[]> v : pairs.values()) {
      numPairs += v.size();
    }
    StringBuilder sb = new StringBuilder(1024).append("{\"headStats\":{\"numSeries\":").append(numSeries)
        .append(",\"numLabelPairs\":").append(numPairs).append(",\"minTime\":").append(minTime)
        .append(",\"maxTime\":").append(maxTime).append('}');
    list(sb, "seriesCountByMetricName", seriesCountByMetricName(), limit);
    list(sb, "labelValueCountByLabelName", labelValueCountByLabelName(), limit);
    list(sb, "memoryInBytesByLabelName", memoryInBytesByLabelName(), limit);
    list(sb, "seriesCountByLabelValuePair", seriesCountByLabelValuePair(), limit);
    return sb.append('}').toString();
  }

  private static void list(StringBuilder sb, String key, Map<String, Long> counts, int limit) {
    List<Map.Entry<String, Long>> top = new ArrayList<>(counts.entrySet());
    top.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
        .thenComparing(Map.Entry.comparingByKey()));
    sb.append(",\"").append(key).append("\":[");
    for (int i = 0; i < Math.min(limit, top.size()); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"name\":");
      PromJson.string(sb, top.get(i).getKey());
      sb.append(",\"value\":").append(top.get(i).getValue()).append('}');
    }
    sb.append(']');
  }
}
