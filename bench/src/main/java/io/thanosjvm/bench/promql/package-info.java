/** JMH benchmarks of the PromQL engine on typical dashboard queries. */
package io.thanosjvm.bench.promql;
