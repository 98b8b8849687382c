/**
 * Thanos' caching bucket for the store gateway (hidden flag {@code --store.caching-bucket.config}): a
 * {@link io.thanosjvm.objstore.Bucket} decorator that keeps chunk-object subranges and attributes, the block listing
 * and meta/marker files in an in-memory, memcached or Redis cache, so repeated queries stop hitting object storage.
 */
package io.thanosjvm.store.cachingbucket;
