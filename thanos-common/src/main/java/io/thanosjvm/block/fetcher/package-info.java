/**
 * Discovery of the blocks in a bucket, like Thanos' meta fetcher: lists the ULID directories, loads and
 * caches their meta.json concurrently, applies filters (time range, consistency delay, deletion marks,
 * no-compact/no-downsample marks, duplicates) and reports {@code thanos_blocks_meta_synced{state}}.
 */
package io.thanosjvm.block.fetcher;
