/**
 * The Prometheus TSDB index, format v2: a streaming {@link io.thanosjvm.tsdb.index.IndexWriter} that
 * produces the exact layout Prometheus 2.42 writes, a lazy random-access
 * {@link io.thanosjvm.tsdb.index.IndexReader} that keeps only every 32nd postings-offset entry per label
 * name in memory, and {@link io.thanosjvm.tsdb.index.Postings} set operations over sorted int arrays.
 */
package io.thanosjvm.tsdb.index;
