/**
 * The writable TSDB head as Prometheus 2.42 keeps it: series by labels with stable monotonic refs, per-series XOR
 * head chunks cut by Prometheus' rules (120 samples targeted, aligned chunk-range ends, the end time predicted at
 * 30 samples), an in-memory postings index for matchers, appender transactions with Prometheus' append errors,
 * truncation with series garbage collection, and {@link io.thanosjvm.head.LocalTsdb}: head + WAL + local
 * blocks, block cutting at 1.5x the block range, retention and one series source for queries.
 */
package io.thanosjvm.head;
