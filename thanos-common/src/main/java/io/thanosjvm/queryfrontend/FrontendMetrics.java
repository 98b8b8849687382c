package io.thanosjvm.queryfrontend;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The frontend's own metrics with Thanos' names: {@code thanos_query_frontend_queries_total{op}} (op
 * {@code query_range}, {@code query}, {@code labels}, {@code series}, {@code other}),
 * {@code thanos_frontend_split_queries_total}, {@code thanos_frontend_retries_total} (retried attempts) and
 * {@code thanos_frontend_sharding_middleware_queries_total{shardable}} (queries the vertical sharding analysed).
 */
public final class FrontendMetrics {

  /** Op of range queries. */
  public static final String QUERY_RANGE = "query_range";
  /** Op of instant queries. */
  public static final String QUERY = "query";
  /** Op of label names and values requests. */
  public static final String LABELS = "labels";
  /** Op of series requests. */
  public static final String SERIES = "series";

  private final MeterRegistry registry;
  private final Counter splitQueries;
  private final Counter retries;
  private final Counter shardable;
  private final Counter notShardable;

  /** Registers the metrics. */
  public FrontendMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.splitQueries = Counter.builder("thanos_frontend_split_queries").description("Total number of underlying "
        + "query requests after the split by interval is applied.").register(registry);
    this.retries = Counter.builder("thanos_frontend_retries").description("Total number of retried downstream "
        + "requests.").register(registry);
    this.shardable = sharding(registry, "true");
    this.notShardable = sharding(registry, "false");
    for (String op : new String[] {QUERY_RANGE, QUERY, LABELS, SERIES}) {
      queries(op);
    }
  }

  /** Counts a query of {@code op}. */
  public void query(String op) {
    queries(op).increment();
  }

  private Counter queries(String op) {
    return Counter.builder("thanos_query_frontend_queries").description("Total queries passing through query "
        + "frontend").tag("op", op).register(registry);
  }

  /** The sub-query counter. */
  public Counter splitQueries() {
    return splitQueries;
  }

  private static Counter sharding(MeterRegistry registry, String shardable) {
    return Counter.builder("thanos_frontend_sharding_middleware_queries").description("Total number of queries "
        + "analyzed by the sharding middleware").tag("shardable", shardable).register(registry);
  }

  /** Counts a query the vertical sharding analysed. */
  public void shardingAnalysed(boolean wasShardable) {
    (wasShardable ? shardable : notShardable).increment();
  }

  /** The retry counter. */
  public Counter retries() {
    return retries;
  }
}
