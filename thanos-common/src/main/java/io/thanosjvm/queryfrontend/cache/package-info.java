/**
 * The query frontend's results cache: cached responses with extents, their encoding, and the backends
 * (IN-MEMORY, MEMCACHED, REDIS) configured by {@code --query-range.response-cache-config(-file)} YAML, with
 * Cortex' cache metrics.
 */
package io.thanosjvm.queryfrontend.cache;
