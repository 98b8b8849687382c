package io.thanosjvm.head;

/**
 * What a WAL replay restored.
 *
 * @param series Series entries read
 * @param samples samples appended to the head
 * @param unknownRefs samples and tombstones for refs without a Series record, skipped
 * @param tombstones tombstone intervals read
 * @param skippedRecords records of other types (exemplars, metadata, histograms, ...), skipped
 */
public record ReplayStats(long series, long samples, long unknownRefs, long tombstones, long skippedRecords) {}
