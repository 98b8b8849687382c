package io.thanosjvm.queryfrontend;

import io.thanosjvm.queryfrontend.cache.ResponseCache;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The results cache (Cortex' {@code resultsCache} with Thanos' key and rules). Each (sub-)request looks up its
 * {@link CacheKey}; the cached extents that overlap it are cut to the request, only the missing stretches are
 * asked from {@code next}, and everything is merged. New and old extents are merged (adjacent ones within a step
 * join) and written back. Never cached: requests with {@code dedup=false} or {@code storeMatch[]}, requests
 * starting inside the freshness window, queries with {@code @ start()}, {@code @ end()} or an {@code @}
 * timestamp inside the freshness window, answers that are errors or say {@code Cache-Control: no-store}, and the
 * part of any answer newer than now minus {@code --query-range.response-cache-max-freshness}.
 */
public final class ResultsCacheHandler implements RangeHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ResultsCacheHandler.class);
  /** Cortex: extents shorter than this are ignored for requests longer than it. */
  static final long MIN_CACHE_EXTENT_MS = 5 * 60_000L;

  private final ResponseCache cache;
  private final long splitIntervalMs;
  private final long maxFreshnessMs;
  private final Clock clock;
  private final RangeHandler next;

  /**
   * Caches the answers of {@code next}.
   *
   * @param splitIntervalMs the split interval (part of the key)
   * @param maxFreshnessMs results newer than this are never cached
   */
  public ResultsCacheHandler(ResponseCache cache, long splitIntervalMs, long maxFreshnessMs, Clock clock,
      RangeHandler next) {
    this.cache = cache;
    this.splitIntervalMs = splitIntervalMs;
    this.maxFreshnessMs = maxFreshnessMs;
    this.clock = clock;
    this.next = next;
  }

  @Override
  public QueryResponse handle(RangeRequest request, RequestHeaders headers) {
    long maxCacheTime = Math.floorDiv(clock.millis() - maxFreshnessMs, request.step()) * request.step();
    if (!request.dedup() || !request.storeMatch().isEmpty() || request.start() > maxCacheTime
        || !AtModifiers.of(request.query()).cacheable(maxCacheTime)) {
      return next.handle(request, headers);
    }
    String key = CacheKey.of(request, headers.tenant(), splitIntervalMs);
    List<Extent> cached = lookup(key);
    if (cached.isEmpty()) {
      QueryResponse r = next.handle(request, headers);
      if (cacheable(r)) {
        write(key, List.of(new Extent(request.start(), request.end(), r.matrix())), maxCacheTime, request.step());
      }
      return r;
    }
    List<RangeRequest> missing = new ArrayList<>();
    List<Matrix> parts = new ArrayList<>();
    partition(request, cached, missing, parts);
    List<Extent> extents = new ArrayList<>(cached);
    boolean noStore = false;
    for (RangeRequest m : missing) {
      QueryResponse r = next.handle(m, headers);
      if (!r.ok()) {
        return r;
      }
      noStore |= r.noStore();
      parts.add(r.matrix());
      if (cacheable(r)) {
        extents.add(new Extent(m.start(), m.end(), r.matrix()));
      }
    }
    Matrix merged = Matrix.merge(parts).between(request.start(), request.end());
    if (!missing.isEmpty()) {
      write(key, mergeExtents(extents, request.step()), maxCacheTime, request.step());
    }
    return QueryResponse.success(merged, noStore);
  }

  private static boolean cacheable(QueryResponse r) {
    return r.ok() && !r.noStore();
  }

  private List<Extent> lookup(String key) {
    byte[] value = cache.fetch(List.of(key)).get(key);
    if (value == null) {
      return List.of();
    }
    try {
      CachedResponse c = CachedResponseCodec.decode(value);
      if (!c.key().equals(key)) {
        return List.of(); // hash collision in a hashed backend
      }
      return c.extents();
    } catch (IllegalArgumentException e) {
      LOG.atWarn().addKeyValue("key", key).addKeyValue("err", e.getMessage()).log("ignoring unreadable cache entry");
      return List.of();
    }
  }

  /** Cortex' partition: cached overlaps cut to the request, and the requests for what they do not cover. */
  static void partition(RangeRequest req, List<Extent> extents, List<RangeRequest> missing, List<Matrix> cached) {
    long start = req.start();
    for (Extent e : extents) {
      if (e.end() < start || e.start() > req.end()) {
        continue;
      }
      if (req.start() != req.end() && req.end() - req.start() > MIN_CACHE_EXTENT_MS
          && e.end() - e.start() < MIN_CACHE_EXTENT_MS) {
        continue;
      }
      if (start < e.start()) {
        missing.add(req.withRange(start, e.start()));
      }
      cached.add(e.response().between(start, req.end()));
      start = Math.max(start, e.end());
    }
    if (start < req.end()) {
      missing.add(req.withRange(start, req.end()));
    }
    if (req.start() == req.end() && cached.isEmpty()) {
      missing.add(req);
    }
  }

  /** Sorts extents and merges overlapping ones and ones less than a step apart. */
  static List<Extent> mergeExtents(List<Extent> extents, long step) {
    List<Extent> sorted = new ArrayList<>(extents);
    sorted.sort(Comparator.comparingLong(Extent::start));
    List<Extent> out = new ArrayList<>();
    Extent acc = null;
    for (Extent e : sorted) {
      if (acc == null) {
        acc = e;
      } else if (acc.end() + step < e.start()) {
        out.add(acc);
        acc = e;
      } else if (acc.end() < e.end()) {
        acc = new Extent(acc.start(), e.end(), Matrix.merge(List.of(acc.response(), e.response())));
      }
    }
    if (acc != null) {
      out.add(acc);
    }
    return out;
  }

  private void write(String key, List<Extent> extents, long maxCacheTime, long step) {
    List<Extent> kept = new ArrayList<>(extents.size());
    for (Extent e : extents) {
      if (e.start() > maxCacheTime) {
        continue;
      }
      kept.add(e.end() > maxCacheTime
          ? new Extent(e.start(), maxCacheTime, e.response().between(e.start(), maxCacheTime)) : e);
    }
    if (kept.isEmpty()) {
      return;
    }
    try {
      cache.store(key, CachedResponseCodec.encode(new CachedResponse(key, kept)));
    } catch (RuntimeException e) {
      LOG.atWarn().addKeyValue("key", key).addKeyValue("err", e.toString()).log("cannot encode cache entry");
    }
  }

  /** Visible for tests: the extents stored under {@code key}. */
  List<Extent> extents(String key) {
    return lookup(key);
  }
}
