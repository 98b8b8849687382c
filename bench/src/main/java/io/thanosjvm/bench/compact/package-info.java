/** Harnesses measuring compaction execution ({@code io.thanosjvm.compact.BlockCompactor}) on generated blocks. */
package io.thanosjvm.bench.compact;
