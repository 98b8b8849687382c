package io.thanosjvm.store.cachingbucket;

import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.ForwardingBucket;
import io.thanosjvm.objstore.IterConsumer;
import io.thanosjvm.objstore.IterOptions;
import io.thanosjvm.objstore.ObjectAttributes;
import io.thanosjvm.objstore.ObjectNotFoundException;
import io.thanosjvm.cacheutil.RemoteCacheClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Thanos' caching bucket in front of the store gateway's bucket. What it caches:
 * <ul>
 *   <li>range reads of {@code <block>/chunks/*} objects, in aligned subranges of {@code chunk_subrange_size}
 *       bytes; the missing subranges of one read are fetched with at most {@code max_chunks_get_range_requests}
 *       range reads ({@link SubrangePlan});</li>
 *   <li>attributes of chunk objects (their size bounds the last subrange);</li>
 *   <li>content and existence of {@code meta.json}, {@code deletion-mark.json} and {@code no-compact-mark.json}
 *       (a missing file is remembered for {@code metafile_doesnt_exist_ttl});</li>
 *   <li>the bucket's top-level listing (the block directories) for {@code blocks_iter_ttl}.</li>
 * </ul>
 * Everything else, and every write, goes straight to the bucket. Cache failures read as misses (the backends
 * never throw), so a cache outage costs latency, never answers. The store gateway never writes blocks, so cached
 * entries are not invalidated; a changed object is seen again when its TTL ends, as in Thanos.
 */
public final class CachingBucket extends ForwardingBucket {

  private static final Pattern CHUNKS = Pattern.compile("^[0-9A-HJKMNP-TV-Z]{26}/chunks/[^/]+$");
  private static final byte[] EXISTS = {1};
  private static final byte[] MISSING = {0};

  private final RemoteCacheClient cache;
  private final CachingBucketSettings settings;
  private final CachingBucketMetrics metrics;

  /** Caches {@code delegate}'s reads in {@code cache} with {@code settings}; counts operations in {@code metrics}. */
  public CachingBucket(Bucket delegate, RemoteCacheClient cache, CachingBucketSettings settings,
      CachingBucketMetrics metrics) {
    super(delegate);
    this.cache = Objects.requireNonNull(cache, "cache");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  static boolean isChunksObject(String name) {
    return CHUNKS.matcher(name).matches();
  }

  static boolean isMetaFile(String name) {
    return name.endsWith("/meta.json") || name.endsWith("/deletion-mark.json")
        || name.endsWith("/no-compact-mark.json");
  }

  @Override
  public InputStream get(String name) throws IOException {
    if (!isMetaFile(name)) {
      return delegate.get(name);
    }
    String contentKey = "content:" + name;
    String existsKey = "exists:" + name;
    Map<String, byte[]> hits = cache.getMulti(List.of(contentKey, existsKey));
    metrics.requested(CachingBucketMetrics.GET, 1);
    byte[] content = hits.get(contentKey);
    if (content != null) {
      metrics.hit(CachingBucketMetrics.GET, 1);
      return new ByteArrayInputStream(content);
    }
    if (isMissing(hits.get(existsKey))) {
      metrics.hit(CachingBucketMetrics.GET, 1);
      throw new ObjectNotFoundException(delegate.name(), name, null);
    }
    byte[] data;
    try (InputStream in = delegate.get(name)) {
      data = in.readAllBytes();
    } catch (IOException e) {
      if (delegate.isObjNotFound(e)) {
        cache.setAsync(existsKey, MISSING, settings.metafileDoesntExistTtl());
      }
      throw e;
    }
    if (data.length <= settings.metafileMaxSize()) {
      cache.setAsync(contentKey, data, settings.metafileContentTtl());
    }
    return new ByteArrayInputStream(data);
  }

  private static boolean isMissing(byte[] marker) {
    return marker != null && marker.length == 1 && marker[0] == 0;
  }

  @Override
  public InputStream getRange(String name, long offset, long length) throws IOException {
    if (!isChunksObject(name) || offset < 0 || length == 0) {
      return delegate.getRange(name, offset, length);
    }
    long objectSize = attributes(name).size();
    long end = length < 0 ? objectSize : Math.min(objectSize, offset + length);
    if (offset >= end) {
      return new ByteArrayInputStream(new byte[0]);
    }
    SubrangePlan plan = new SubrangePlan(name, offset, end, objectSize, settings.chunkSubrangeSize());
    Map<String, byte[]> hits = cache.getMulti(plan.keys());
    metrics.requested(CachingBucketMetrics.GET_RANGE, plan.keys().size());
    metrics.hit(CachingBucketMetrics.GET_RANGE, plan.accept(hits));
    for (SubrangePlan.Fetch f : plan.fetches(settings.maxChunksGetRangeRequests())) {
      byte[] data;
      try (InputStream in = delegate.getRange(name, f.start(), f.end() - f.start())) {
        data = in.readAllBytes();
      }
      for (Map.Entry<String, byte[]> fetched : plan.fill(f, data).entrySet()) {
        cache.setAsync(fetched.getKey(), fetched.getValue(), settings.chunkSubrangeTtl());
      }
    }
    return new ByteArrayInputStream(plan.assemble());
  }

  @Override
  public ObjectAttributes attributes(String name) throws IOException {
    if (!isChunksObject(name)) {
      return delegate.attributes(name);
    }
    String key = "attrs:" + name;
    byte[] cached = cache.getMulti(List.of(key)).get(key);
    metrics.requested(CachingBucketMetrics.ATTRIBUTES, 1);
    if (cached != null && cached.length == 20) {
      metrics.hit(CachingBucketMetrics.ATTRIBUTES, 1);
      ByteBuffer b = ByteBuffer.wrap(cached);
      return new ObjectAttributes(b.getLong(), Instant.ofEpochSecond(b.getLong(), b.getInt()));
    }
    ObjectAttributes attrs = delegate.attributes(name);
    ByteBuffer b = ByteBuffer.allocate(20).putLong(attrs.size()).putLong(attrs.lastModified().getEpochSecond())
        .putInt(attrs.lastModified().getNano());
    cache.setAsync(key, b.array(), settings.chunkObjectAttrsTtl());
    return attrs;
  }

  @Override
  public boolean exists(String name) throws IOException {
    if (!isMetaFile(name)) {
      return delegate.exists(name);
    }
    String key = "exists:" + name;
    byte[] cached = cache.getMulti(List.of(key)).get(key);
    metrics.requested(CachingBucketMetrics.EXISTS, 1);
    if (cached != null && cached.length == 1) {
      metrics.hit(CachingBucketMetrics.EXISTS, 1);
      return cached[0] == 1;
    }
    boolean exists = delegate.exists(name);
    cache.setAsync(key, exists ? EXISTS : MISSING,
        exists ? settings.metafileExistsTtl() : settings.metafileDoesntExistTtl());
    return exists;
  }

  @Override
  public void iter(String dir, IterConsumer consumer, IterOptions options) throws IOException {
    if (!dir.isEmpty() || options.recursive()) {
      delegate.iter(dir, consumer, options);
      return;
    }
    String key = "iter:";
    byte[] cached = cache.getMulti(List.of(key)).get(key);
    metrics.requested(CachingBucketMetrics.ITER, 1);
    if (cached != null) {
      metrics.hit(CachingBucketMetrics.ITER, 1);
      String listing = new String(cached, StandardCharsets.UTF_8);
      for (String entry : listing.isEmpty() ? new String[0] : listing.split("\n")) {
        consumer.accept(entry);
      }
      return;
    }
    List<String> names = new ArrayList<>();
    delegate.iter(dir, names::add, options);
    cache.setAsync(key, String.join("\n", names).getBytes(StandardCharsets.UTF_8), settings.blocksIterTtl());
    for (String n : names) {
      consumer.accept(n);
    }
  }

  @Override
  public boolean isObjNotFound(Throwable error) {
    return delegate.isObjNotFound(error) || ObjectNotFoundException.isCauseOf(error);
  }

  @Override
  public void close() throws IOException {
    try {
      cache.close();
    } finally {
      delegate.close();
    }
  }
}
