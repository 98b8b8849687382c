package io.thanosjvm.tsdb.wlog;

/**
 * What a checkpoint kept and dropped, by record content.
 *
 * @param checkpoint the checkpoint written
 * @param keptSeries series entries kept
 * @param droppedSeries series entries dropped (not kept alive)
 * @param keptSamples samples kept
 * @param droppedSamples samples dropped (older than mint or of a dropped series)
 * @param keptTombstones tombstone intervals kept
 * @param droppedTombstones tombstone intervals dropped
 * @param droppedRecords records of other types dropped (exemplars, metadata, histograms, unknown)
 */
public record CheckpointStats(CheckpointRef checkpoint, long keptSeries, long droppedSeries, long keptSamples,
    long droppedSamples, long keptTombstones, long droppedTombstones, long droppedRecords) {}
