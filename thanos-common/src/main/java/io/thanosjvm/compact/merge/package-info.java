/**
 * The streaming merge behind compaction execution: cursors over the input blocks' series in label order, the
 * per-series chunk merge (copy non-overlapping chunks as bytes, merge overlapping runs one-to-one or with the
 * querier's penalty algorithm) and the re-encoding of merged samples into 120-sample XOR chunks. Plain Java, no
 * framework types.
 */
package io.thanosjvm.compact.merge;
