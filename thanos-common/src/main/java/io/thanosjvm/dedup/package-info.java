/**
 * Thanos' penalty deduplication of HA replicas over {@link io.thanosjvm.model.SampleIterator}s (like Thanos'
 * {@code pkg/dedup}). It sits low in the package graph, beside {@code tsdb} and {@code promql}, so the querier
 * (with counter adjustment) and the compactor's vertical compaction (without) run the same algorithm.
 */
package io.thanosjvm.dedup;
