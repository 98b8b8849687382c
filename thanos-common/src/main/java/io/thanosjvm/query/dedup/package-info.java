/**
 * Query-time deduplication of HA replicas, as Thanos' querier does it: series that differ only in their replica
 * labels are grouped and their samples merged with the penalty algorithm ({@link
 * io.thanosjvm.dedup.PenaltyDedupIterator}), with counter-value adjustment when the enclosing PromQL
 * function is rate-like ({@link io.thanosjvm.query.dedup.DedupFunctions#isCounter(String)}).
 */
package io.thanosjvm.query.dedup;
