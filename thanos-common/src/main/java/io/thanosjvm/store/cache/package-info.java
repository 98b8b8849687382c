/**
 * The store gateway's index cache (Thanos {@code pkg/store/cache} and {@code pkg/cacheutil}): postings lists
 * and series entries of blocks cached in memory (byte-bounded LRU), in memcached or in Redis, under Thanos'
 * keys ({@code P:<ULID>:<base64url(blake2b-256("name:value"))>[:codec]}, {@code S:<ULID>:<ref>}) and with
 * Thanos' {@code thanos_store_index_cache_*} metrics. {@link io.thanosjvm.store.cache.IndexCaches} builds one
 * from the {@code --index-cache.config} YAML. The remote clients speak the memcached text protocol and RESP2
 * over plain sockets; a cache that is down only ever produces misses.
 *
 * <p>Not provided (refused with an error naming the key when configured): Redis TLS, Sentinel, cluster and
 * client-side caching, memcached auto-discovery and {@code dnssrv+} discovery, the set-async circuit breaker.
 * {@code dns+} memcached addresses are resolved once at start. Expanded postings are not cached.
 */
package io.thanosjvm.store.cache;
