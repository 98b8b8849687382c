/**
 * Prometheus TSDB blocks: open a block directory and select series by matchers over a time range
 * ({@link io.thanosjvm.tsdb.Block}, {@link io.thanosjvm.tsdb.BlockQuerier}), write a block from a sorted
 * stream of series in bounded memory ({@link io.thanosjvm.block.BlockWriter}), ULIDs and tombstones.
 */
package io.thanosjvm.tsdb;
