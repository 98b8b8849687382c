package io.thanosjvm.queryfrontend.cache;

import io.thanosjvm.cacheutil.RemoteCacheClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The {@code MEMCACHED} and {@code REDIS} backends over the store gateway's clients: values are written
 * asynchronously with the configured {@code expiration}. Memcached keys are the FNV-64a hex digest of the
 * results cache key (memcached refuses long keys and spaces), Redis keys are the key itself.
 */
public final class RemoteResponseCache implements ResponseCache {

  private final RemoteCacheClient client;
  private final Duration expiration;
  private final UnaryOperator<String> keyMapper;

  private RemoteResponseCache(RemoteCacheClient client, Duration expiration, UnaryOperator<String> keyMapper) {
    if (expiration.isNegative() || expiration.isZero()) {
      throw new IllegalArgumentException("cache expiration must be positive, got " + expiration);
    }
    this.client = client;
    this.expiration = expiration;
    this.keyMapper = keyMapper;
  }

  /** A memcached-backed cache (hashed keys). */
  public static RemoteResponseCache memcached(RemoteCacheClient client, Duration expiration) {
    return new RemoteResponseCache(client, expiration, RemoteResponseCache::fnv64aHex);
  }

  /** A Redis-backed cache (plain keys). */
  public static RemoteResponseCache redis(RemoteCacheClient client, Duration expiration) {
    return new RemoteResponseCache(client, expiration, UnaryOperator.identity());
  }

  @Override
  public Map<String, byte[]> fetch(List<String> keys) {
    Map<String, String> byMapped = new HashMap<>();
    List<String> mapped = new ArrayList<>(keys.size());
    for (String k : keys) {
      String m = keyMapper.apply(k);
      byMapped.put(m, k);
      mapped.add(m);
    }
    Map<String, byte[]> hits = new HashMap<>();
    client.getMulti(mapped).forEach((m, v) -> hits.put(byMapped.get(m), v));
    return hits;
  }

  @Override
  public void store(String key, byte[] value) {
    client.setAsync(keyMapper.apply(key), value, expiration);
  }

  @Override
  public void close() {
    client.close();
  }

  /** The FNV-1a 64-bit hash of the UTF-8 bytes of {@code key}, as 16 lower-case hex digits. */
  public static String fnv64aHex(String key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return String.format("%016x", h);
  }
}
