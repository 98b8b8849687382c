/** Query latency harness: our store gateway + querier against a real Prometheus 2.42 over the same blocks. */
package io.thanosjvm.bench.query;
