/**
 * Chunk encodings of the Prometheus TSDB: the XOR float encoding (encoding 1), bit-exact with
 * Prometheus 2.42, and the Thanos aggregate chunk (encoding 0xFF) of downsampled blocks. Iterators work on
 * primitive longs and doubles and allocate nothing per sample.
 */
package io.thanosjvm.tsdb.chunkenc;
