/**
 * The StoreAPI over local writable TSDBs ({@code head.LocalTsdb}: head + its blocks), as Thanos' {@code
 * TSDBStore} serves the receiver's and the ruler's data: Series (external labels decided as matchers and attached,
 * skip_chunks, without_replica_labels, limit) with XOR chunks encoded while streaming, LabelNames, LabelValues
 * and the Info a querier needs. One store may serve several TSDBs (receive's tenants), merged in label order.
 */
package io.thanosjvm.store.tsdb;
