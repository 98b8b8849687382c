package io.thanosjvm.store.cache;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.cacheutil.RemoteCacheClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An index cache in memcached or Redis under Thanos' keys: postings as
 * {@code P:<ULID>:<base64url(blake2b-256("name:value"))>:<codec>}, series as {@code S:<ULID>:<ref>}, written
 * asynchronously with the configured TTL and read with one multi-get per call. A server that is down gives
 * misses. Records {@code thanos_store_index_cache_requests_total} and {@code _hits_total}. Closing it closes
 * the client.
 */
public final class RemoteIndexCache implements IndexCache, AutoCloseable {

  /** Thanos' default TTL of remote index cache items: 24h. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(24);

  private final RemoteCacheClient client;
  private final Duration ttl;
  private final String postingsCodec;
  private final IndexCacheMetrics metrics;

  /**
   * A cache over {@code client} writing items for {@code ttl}; {@code postingsCodec} is the codec suffix of
   * postings keys ({@link CacheKeys#CODEC_STREAMED_SNAPPY} for values encoded as current Thanos encodes them,
   * empty for none).
   */
  public RemoteIndexCache(RemoteCacheClient client, Duration ttl, String postingsCodec, MeterRegistry registry) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("remote index cache TTL must be positive, got " + ttl);
    }
    this.client = client;
    this.ttl = ttl;
    this.postingsCodec = postingsCodec;
    this.metrics = new IndexCacheMetrics(registry);
  }

  @Override
  public void storePostings(String blockId, String labelName, String labelValue, byte[] value) {
    client.setAsync(CacheKeys.postings(blockId, labelName, labelValue, postingsCodec),
        Arrays.copyOf(value, value.length), ttl);
  }

  @Override
  public Map<String, byte[]> fetchPostings(String blockId, String labelName, List<String> labelValues) {
    List<String> keys = new ArrayList<>(labelValues.size());
    for (String v : labelValues) {
      keys.add(CacheKeys.postings(blockId, labelName, v, postingsCodec));
    }
    Map<String, byte[]> found = client.getMulti(keys);
    Map<String, byte[]> hits = new HashMap<>();
    int hitCount = 0;
    for (int i = 0; i < keys.size(); i++) {
      byte[] value = found.get(keys.get(i));
      if (value != null) {
        hits.put(labelValues.get(i), value);
        hitCount++;
      }
    }
    metrics.fetched(ItemType.POSTINGS, keys.size(), hitCount);
    return hits;
  }

  @Override
  public void storeSeries(String blockId, long seriesRef, byte[] value) {
    client.setAsync(CacheKeys.series(blockId, seriesRef), Arrays.copyOf(value, value.length), ttl);
  }

  @Override
  public Map<Long, byte[]> fetchSeries(String blockId, long[] seriesRefs) {
    List<String> keys = new ArrayList<>(seriesRefs.length);
    for (long ref : seriesRefs) {
      keys.add(CacheKeys.series(blockId, ref));
    }
    Map<String, byte[]> found = client.getMulti(keys);
    Map<Long, byte[]> hits = new HashMap<>();
    int hitCount = 0;
    for (int i = 0; i < seriesRefs.length; i++) {
      byte[] value = found.get(keys.get(i));
      if (value != null) {
        hits.put(seriesRefs[i], value);
        hitCount++;
      }
    }
    metrics.fetched(ItemType.SERIES, seriesRefs.length, hitCount);
    return hits;
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "RemoteIndexCache{" + client + ", ttl=" + ttl + "}";
  }
}
