/**
 * Prometheus 2.42's write-ahead log ({@code tsdb/wlog}), byte-compatible: numbered segment files
 * ({@code 00000000}, 8 digits, 128 MiB by default) of 32 KiB pages holding record fragments (full, first,
 * middle, last) behind a 7-byte header (type with the snappy flag, big-endian length, CRC32-Castagnoli).
 * {@link io.thanosjvm.tsdb.wlog.Wal} appends records (snappy-compressed when that makes them shorter), cuts
 * segments, truncates and repairs a torn or corrupt tail at open; {@link io.thanosjvm.tsdb.wlog.WalReader} reads
 * records back across segments and checkpoints and reports corruption with segment and offset
 * ({@link io.thanosjvm.tsdb.wlog.WalCorruptionException}); {@link io.thanosjvm.tsdb.wlog.Checkpoint} folds
 * segments into {@code checkpoint.NNNNNNNN} keeping only live series. Meters carry Prometheus' names
 * ({@link io.thanosjvm.tsdb.wlog.WalMetrics}). The record payloads are in {@code io.thanosjvm.tsdb.record}.
 */
package io.thanosjvm.tsdb.wlog;
