/**
 * Index health of a local block and its repair, as Thanos' {@code pkg/block/index.go}: {@link
 * io.thanosjvm.block.health.IndexHealth} gathers the known index issues (out-of-order labels, series and chunks,
 * duplicated chunks, chunks outside the block's time range) and {@link io.thanosjvm.block.health.BlockRepairer}
 * writes a fixed copy of a block, dropping what can safely be dropped.
 */
package io.thanosjvm.block.health;
