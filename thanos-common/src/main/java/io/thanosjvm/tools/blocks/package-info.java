/**
 * The {@code blocks} tool commands: {@code generate} writes deterministic synthetic data (counters,
 * gauges, classic histograms with counter resets) as real epoch-aligned TSDB blocks with a Thanos meta
 * section, in bounded memory.
 */
package io.thanosjvm.tools.blocks;
