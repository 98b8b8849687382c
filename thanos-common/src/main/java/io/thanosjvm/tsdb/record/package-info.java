/**
 * Prometheus 2.42 WAL records ({@code tsdb/record}), byte-compatible: {@link io.thanosjvm.tsdb.record.RecordEncoder}
 * and {@link io.thanosjvm.tsdb.record.RecordDecoder} for Series (type 1), Samples (2) and Tombstones (3) records,
 * decoded into reusable primitive holders ({@link io.thanosjvm.tsdb.record.SamplesRecord},
 * {@link io.thanosjvm.tsdb.record.SeriesRecord}, {@link io.thanosjvm.tsdb.record.TombstonesRecord}) so replay does
 * not allocate per sample. Other record types (exemplars, metadata, histograms, m-map markers) are recognised by
 * their type byte ({@link io.thanosjvm.tsdb.record.RecordType}) and skipped and counted by
 * {@link io.thanosjvm.tsdb.record.RecordDispatcher}. The framing of records into WAL segments is in
 * {@code io.thanosjvm.tsdb.wlog}.
 */
package io.thanosjvm.tsdb.record;
