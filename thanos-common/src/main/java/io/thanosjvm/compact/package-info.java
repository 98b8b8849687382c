/**
 * The compactor's planning half: {@link io.thanosjvm.compact.Grouper} sorts block metas into compaction groups
 * (same downsampling resolution and external labels, replica labels removed) keyed exactly like Thanos
 * ({@code <resolution>@<labels hash>}), and {@link io.thanosjvm.compact.Planner} decides which blocks of a group
 * to compact next over Prometheus' leveled block ranges, or halts on overlaps that vertical compaction may not
 * resolve. Pure functions over metas: writing marks and running compactions belong to the caller.
 */
package io.thanosjvm.compact;
