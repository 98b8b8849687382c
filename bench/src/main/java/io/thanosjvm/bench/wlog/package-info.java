/**
 * WAL append and replay throughput ({@code io.thanosjvm.tsdb.wlog}): a JMH benchmark of one samples record logged
 * per operation, and a harness printing samples/s for 1,000 series with compression on and off.
 */
package io.thanosjvm.bench.wlog;
