/** JMH benchmarks of query-time replica deduplication. */
package io.thanosjvm.bench.dedup;
