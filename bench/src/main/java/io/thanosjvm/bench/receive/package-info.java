/** Benchmark P6: remote-write ingest into thanos receive against Prometheus 2.42's own receiver. */
package io.thanosjvm.bench.receive;
