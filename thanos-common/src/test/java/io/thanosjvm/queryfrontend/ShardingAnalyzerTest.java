package io.thanosjvm.queryfrontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Thanos' analyzer cases (pkg/querysharding), plus the queries where Thanos' rules would shard wrongly. */
class ShardingAnalyzerTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "sum(http_requests_total)",
      "count(sum by (pod) (http_requests_total))",
      "count(sum without (pod) (http_requests_total))",
      "sum by (pod) (label_replace(metric, \"dst_label\", \"$1\", \"src_label\", \"re\"))",
      "sum without (pod) (label_replace(metric, \"dst_label\", \"$1\", \"src_label\", \"re\"))",
      "http_requests_total{code=\"400\"} / http_requests_total",
      "http_requests_total{code=\"400\"} / 4",
      "http_requests_total{code=\"400\"} / on () http_requests_total",
      "sum by (pod) (http_requests_total{code=\"400\"}) / sum by (cluster) (http_requests_total)",
      "http_requests_total{code=\"400\"} / on (pod) label_replace(metric, \"dst_label\", \"$1\", \"src_label\", \"re\")",
      "(http_requests_total{code=\"400\"} + http_requests_total{code=\"500\"}) / http_requests_total",
      "(http_requests_total{code=\"400\"} + on (cluster, pod) http_requests_total{code=\"500\"}) / on () "
          + "http_requests_total",
      "max_over_time(sum by (pod) (http_requests_total)[1h:1m])",
      "rate(http_requests_total[5m])",
      "sum(",
      // Thanos shards these by the root's labels; the inner series-wide steps make that wrong
      "sum by (pod) (http_requests_total * scalar(sum(up)))",
      "sum by (pod) (http_requests_total) / ignoring (pod) group_left sum(http_requests_total)",
      "sum by (pod) (http_requests_total) or on (pod) vector(0)",
      "sum by (pod) (absent(nothing{pod=\"a\"}))",
      "topk by (pod) (scalar(count(up)), http_requests_total)",
      "sum by (pod, __name__) ({__name__=~\"a|b\"}) / ignoring (x) sum by (pod, __name__) (c)"})
  void doesNotShard(String query) {
    assertThat(ShardingAnalyzer.analyze(query).shardable()).as(query).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "sum by (pod) (http_requests_total)|pod",
      "max by (pod) (sum by (pod, cluster) (http_requests_total))|pod",
      "http_requests_total{code=\"400\"} / on (pod) http_requests_total|pod",
      "sum by (pod) (http_requests_total{code=\"400\"}) / sum by (pod) (http_requests_total)|pod",
      "sum by (cluster, pod) (http_requests_total{code=\"400\"}) / on (pod) sum by (cluster, pod) "
          + "(http_requests_total)|pod",
      "(http_requests_total{code=\"400\"} + on (cluster, pod) http_requests_total{code=\"500\"}) / on (pod) "
          + "http_requests_total|pod",
      "sum by (container) ((http_requests_total{code=\"400\"} + on (cluster, pod, container) "
          + "http_requests_total{code=\"500\"}) / on (pod, container) http_requests_total)|container",
      "(http_requests_total{code=\"400\"} + on (pod) http_requests_total{code=\"500\"}) / on (cluster, pod) "
          + "http_requests_total|pod",
      "histogram_quantile(0.95, sum(rate(metric[1m])) by (le, cluster))|cluster",
      "sum(rate(node_cpu_seconds_total[3h] offset 1m)) by (cluster_id, mode) / ignoring (mode) group_left "
          + "sum(rate(node_cpu_seconds_total[3h] offset 1m)) by (cluster_id)|cluster_id",
      "sum by (job) (rate(demo_http_requests_total[5m])) > 1|job",
      "-(sum by (job, zone) (demo_memory_bytes))|job,zone",
      "topk by (job) (3, demo_temperature_celsius)|job",
      "count_values by (zone) (\"v\", demo_http_requests_total)|zone"})
  void shardsByLabels(String spec) {
    String[] parts = spec.split("\\|");
    ShardingAnalysis a = ShardingAnalyzer.analyze(parts[0]);
    assertThat(a.shardable()).as(parts[0]).isTrue();
    assertThat(a.by()).isTrue();
    assertThat(a.labels()).containsExactlyInAnyOrder(parts[1].split(","));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "sum without (pod) (http_requests_total)|pod",
      "max without (pod) (sum without (pod, cluster) (http_requests_total))|pod,cluster",
      "sum without (cluster, pod) (http_requests_total{code=\"400\"}) / ignoring (pod) sum without (cluster, pod) "
          + "(http_requests_total)|pod,cluster",
      "(http_requests_total{code=\"400\"} + ignoring (pod) http_requests_total{code=\"500\"}) / ignoring "
          + "(cluster, pod) http_requests_total|cluster,pod"})
  void shardsWithoutLabelsLeavingTheMetricNameAndBucketsOutOfTheHash(String spec) {
    String[] parts = spec.split("\\|");
    ShardingAnalysis a = ShardingAnalyzer.analyze(parts[0]);
    assertThat(a.shardable()).as(parts[0]).isTrue();
    assertThat(a.by()).isFalse();
    List<String> expected = new java.util.ArrayList<>(List.of(parts[1].split(",")));
    expected.add("__name__");
    expected.add("le");
    assertThat(a.labels()).containsExactlyInAnyOrderElementsOf(expected);
  }
}
