/**
 * Cache clients and hashes shared by the store gateway (index cache, caching bucket), the query frontend (results
 * cache) and the compactor, as Thanos' {@code pkg/cacheutil}: the memcached client (text protocol, Thanos' key
 * placement: jump hash of XXH64 over the naturally sorted servers), the Redis client (through Lettuce: one
 * server, a Sentinel-managed master or a Cluster, TLS including mutual TLS, client-side caching with
 * {@code cache_size}), the {@code config} sections of their YAML
 * ({@link io.thanosjvm.cacheutil.CacheClientConfigParser}), byte sizes and Go durations as Thanos parses them,
 * and the Go-exact hashes (XXH64, BLAKE2b) that keys depend on. Clients are best effort: a server that is down
 * gives misses and dropped writes, counted in {@code thanos_memcached_*} and {@code thanos_redis_*} metrics,
 * never an error to the caller.
 *
 * <p>Not provided (refused with an error naming the key when configured): memcached auto-discovery and
 * {@code dnssrv+} discovery, the set-async circuit breaker, client-side caching with a Redis Cluster.
 * {@code dns+} memcached addresses are resolved once at start.
 */
package io.thanosjvm.cacheutil;
