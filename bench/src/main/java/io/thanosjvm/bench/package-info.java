/**
 * JMH benchmarks and side-by-side harnesses, one sub-package per capability (e.g. {@code bench.tsdb},
 * {@code bench.promql}). Timings live here, never in pass/fail tests.
 */
package io.thanosjvm.bench;
