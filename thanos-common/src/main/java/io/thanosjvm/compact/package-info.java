/**
 * The compactor (Thanos' {@code pkg/compact}). Planning: {@link io.thanosjvm.compact.Grouper} sorts block metas
 * into compaction groups (same downsampling resolution and external labels, replica labels removed) keyed exactly
 * like Thanos ({@code <resolution>@<labels hash>}), and {@link io.thanosjvm.compact.Planner} decides which blocks
 * of a group to compact next over Prometheus' leveled block ranges, or halts on overlaps that vertical compaction
 * may not resolve. Execution: {@link io.thanosjvm.compact.BlockCompactor} merges the planned blocks in one
 * streaming pass (sub-package {@code merge}), and {@link io.thanosjvm.compact.BucketCompactor} runs Thanos'
 * iteration over a bucket: sync, compaction, downsampling ({@code downsample}), retention and cleanup
 * ({@code lifecycle}), halting loudly on errors that need an operator.
 */
package io.thanosjvm.compact;
