/** Benchmarks of the object storage layer: the cost of the metrics and retry wrappers around a bucket. */
package io.thanosjvm.bench.objstore;
