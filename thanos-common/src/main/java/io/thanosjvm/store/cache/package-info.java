/**
 * The store gateway's index cache (Thanos {@code pkg/store/cache}): postings lists and series entries of blocks
 * cached in memory (byte-bounded LRU), in memcached or in Redis, under Thanos' keys
 * ({@code P:<ULID>:<base64url(blake2b-256("name:value"))>[:codec]}, {@code S:<ULID>:<ref>}) and with Thanos'
 * {@code thanos_store_index_cache_*} metrics. {@link io.thanosjvm.store.cache.IndexCaches} builds one from the
 * {@code --index-cache.config} YAML. The remote clients, their configuration and the hashes are the shared
 * {@link io.thanosjvm.cacheutil} ones; a cache that is down only ever produces misses. Expanded postings are not
 * cached.
 */
package io.thanosjvm.store.cache;
