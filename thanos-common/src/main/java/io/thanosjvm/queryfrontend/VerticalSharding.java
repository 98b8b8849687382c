package io.thanosjvm.queryfrontend;

import io.thanosjvm.store.VerticalShard;
import java.util.ArrayList;
import java.util.List;

/**
 * Vertical query sharding ({@code --query-frontend.vertical-shards}, Thanos' {@code querysharding} middleware):
 * a query the {@link ShardingAnalyzer} finds shardable is sent as one sub-request per shard, each with
 * {@code shard_info} naming its shard and the sharding labels, so that the querier (and the stores behind it) read
 * only the series of that shard; the disjoint answers are merged. Unshardable queries pass whole. The first failed
 * shard (in shard order) is the answer.
 */
public final class VerticalSharding implements RangeHandler {

  private final int shards;
  private final ParallelRunner runner;
  private final FrontendMetrics metrics;
  private final RangeHandler next;

  /**
   * Shards requests for {@code next}.
   *
   * @param shards the number of shards; below 2 nothing is sharded
   * @param runner runs the shards' sub-requests
   */
  public VerticalSharding(int shards, ParallelRunner runner, FrontendMetrics metrics, RangeHandler next) {
    if (shards < 0) {
      throw new IllegalArgumentException("vertical shards must not be negative, got " + shards);
    }
    this.shards = shards;
    this.runner = runner;
    this.metrics = metrics;
    this.next = next;
  }

  @Override
  public QueryResponse handle(RangeRequest request, RequestHeaders headers) {
    if (shards < 2 || request.shard() != null) {
      return next.handle(request, headers);
    }
    ShardingAnalysis analysis = ShardingAnalyzer.analyze(request.query());
    metrics.shardingAnalysed(analysis.shardable());
    if (!analysis.shardable()) {
      return next.handle(request, headers);
    }
    List<RangeRequest> parts = new ArrayList<>(shards);
    for (int i = 0; i < shards; i++) {
      parts.add(request.withShard(new VerticalShard(i, shards, analysis.by(), analysis.labels())));
    }
    return QueryResponse.merged(runner.run(parts, r -> next.handle(r, headers)));
  }
}
