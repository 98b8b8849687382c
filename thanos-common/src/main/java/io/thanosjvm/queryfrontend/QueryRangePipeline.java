package io.thanosjvm.queryfrontend;

import io.thanosjvm.queryfrontend.cache.ResponseCache;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * Builds the range query pipeline in Thanos' order: max query length, step alignment (when enabled), split by
 * interval (bounded parallelism), vertical sharding (when more than one shard is configured), results cache (when a
 * cache is configured), then the downstream call with retries.
 */
public final class QueryRangePipeline {

  private QueryRangePipeline() {}

  /**
   * The pipeline over {@code downstream}.
   *
   * @param downstream the downstream, already wrapped for retries
   * @param cache the results cache, or null for none
   * @param executor runs sub-queries in parallel (bounded by the settings' max parallelism per query)
   */
  public static RangeHandler build(QueryRangeSettings s, Downstream downstream, ResponseCache cache,
      Executor executor, Clock clock, FrontendMetrics metrics) {
    return build(s, 0, downstream, cache, executor, clock, metrics);
  }

  /**
   * The pipeline over {@code downstream} with vertical sharding between the split by interval and the results
   * cache, as Thanos orders them.
   *
   * @param verticalShards {@code --query-frontend.vertical-shards}; below 2 no sharding
   */
  public static RangeHandler build(QueryRangeSettings s, int verticalShards, Downstream downstream,
      ResponseCache cache, Executor executor, Clock clock, FrontendMetrics metrics) {
    long split = s.splitInterval().toMillis();
    RangeHandler h = new DownstreamRangeHandler(downstream);
    if (cache != null) {
      h = new ResultsCacheHandler(cache, split, s.responseCacheMaxFreshness().toMillis(), clock, h);
    }
    if (verticalShards > 1) {
      h = new VerticalSharding(verticalShards, new ParallelRunner(executor, s.maxQueryParallelism()), metrics, h);
    }
    h = new SplitByInterval(split, new ParallelRunner(executor, s.maxQueryParallelism()), metrics.splitQueries(), h);
    if (s.alignRangeWithStep()) {
      h = new StepAlign(h);
    }
    return new MaxQueryLength(s.maxQueryLength().toMillis(), h);
  }
}
