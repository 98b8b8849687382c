package io.thanosjvm.queryfrontend;

import java.util.List;

/**
 * Whether and how a query shards vertically (Thanos' {@code querysharding.QueryAnalysis}).
 *
 * @param by whether the series hash covers {@code labels} (else every label except them)
 * @param labels the sharding labels; empty when the query does not shard
 */
public record ShardingAnalysis(boolean by, List<String> labels) {

  /** A query that does not shard. */
  public static final ShardingAnalysis NOT_SHARDABLE = new ShardingAnalysis(true, List.of());

  /** Copies. */
  public ShardingAnalysis {
    labels = List.copyOf(labels);
  }

  /** Whether the query shards: it has sharding labels. */
  public boolean shardable() {
    return !labels.isEmpty();
  }
}
