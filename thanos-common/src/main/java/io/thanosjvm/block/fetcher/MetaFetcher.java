package io.thanosjvm.block.fetcher;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.tsdb.InvalidMetaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Lists the block directories of a bucket, loads their meta.json with bounded concurrency (caching loaded
 * metas across fetches, as metas never change), then applies the filters in order and records
 * {@code thanos_blocks_meta_synced{state}}. Directories whose name is not a ULID are ignored.
 */
public final class MetaFetcher {

  /** Largest meta.json accepted; anything bigger is reported as corrupted rather than read into memory. */
  static final int MAX_META_BYTES = 64 << 20;

  private final Bucket bucket;
  private final int concurrency;
  private final List<MetaFilter> filters;
  private final FetcherMetrics metrics;
  private final Map<String, BlockMeta> cache = new ConcurrentHashMap<>();

  /**
   * A fetcher over {@code bucket} loading up to {@code concurrency} metas at once.
   *
   * @param filters applied in order after loading
   */
  public MetaFetcher(Bucket bucket, int concurrency, List<MetaFilter> filters, FetcherMetrics metrics) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be positive: " + concurrency);
    }
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.concurrency = concurrency;
    this.filters = List.copyOf(filters);
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * Fetches and filters all block metas.
   *
   * @throws IOException when the bucket cannot be listed or a filter cannot read a marker
   */
  public FetchResult fetch() throws IOException {
    List<String> ids = new ArrayList<>();
    try {
      bucket.iter("", name -> {
        if (name.endsWith("/") && BlockMeta.isUlid(name.substring(0, name.length() - 1))) {
          ids.add(name.substring(0, name.length() - 1));
        }
      });
    } catch (IOException | RuntimeException e) {
      metrics.recordFailedListing();
      throw e;
    }
    SyncCounts counts = new SyncCounts();
    Map<String, BlockMeta> metas = new TreeMap<>();
    Map<String, String> partial = new TreeMap<>();
    boolean failed = false;
    List<Outcome> outcomes = loadAll(ids);
    for (Outcome o : outcomes) {
      if (o.meta() != null) {
        metas.put(o.id(), o.meta());
      } else {
        partial.put(o.id(), o.reason());
        counts.inc(o.state());
        failed |= o.state() == SyncState.FAILED;
      }
    }
    cache.keySet().retainAll(metas.keySet());
    try {
      for (MetaFilter f : filters) {
        f.filter(metas, counts);
      }
    } catch (IOException | RuntimeException e) {
      metrics.recordFailedListing();
      throw e;
    }
    counts.set(SyncState.LOADED, metas.size());
    metrics.recordSync(counts, failed);
    return new FetchResult(new TreeMap<>(metas), new TreeMap<>(partial), counts.asMap(), failed);
  }

  private record Outcome(String id, BlockMeta meta, SyncState state, String reason) {}

  private List<Outcome> loadAll(List<String> ids) throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, Math.max(1, ids.size())), r -> {
      Thread t = new Thread(r, "meta-fetcher");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Outcome>> futures = new ArrayList<>(ids.size());
      for (String id : ids) {
        futures.add(pool.submit(() -> load(id)));
      }
      List<Outcome> out = new ArrayList<>(ids.size());
      for (Future<Outcome> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while loading block metas", e);
    } catch (ExecutionException e) {
      throw new UncheckedIOException(new IOException("loading block meta failed", e.getCause()));
    } finally {
      pool.shutdownNow();
    }
  }

  private Outcome load(String id) {
    BlockMeta cached = cache.get(id);
    if (cached != null) {
      return new Outcome(id, cached, SyncState.LOADED, null);
    }
    String name = id + "/" + BlockMeta.FILE_NAME;
    byte[] data;
    try (InputStream in = bucket.get(name)) {
      data = in.readNBytes(MAX_META_BYTES + 1);
    } catch (IOException | RuntimeException e) {
      if (bucket.isObjNotFound(e)) {
        return new Outcome(id, null, SyncState.NO_META_JSON, "meta.json not found");
      }
      return new Outcome(id, null, SyncState.FAILED, "reading " + name + ": " + e.getMessage());
    }
    if (data.length > MAX_META_BYTES) {
      return new Outcome(id, null, SyncState.CORRUPTED_META_JSON, name + " larger than " + MAX_META_BYTES + " bytes");
    }
    try {
      BlockMeta meta = BlockMeta.parse(new String(data, StandardCharsets.UTF_8), name);
      if (!meta.ulid().equals(id)) {
        return new Outcome(id, null, SyncState.CORRUPTED_META_JSON, name + " names block " + meta.ulid());
      }
      cache.put(id, meta);
      return new Outcome(id, meta, SyncState.LOADED, null);
    } catch (InvalidMetaException e) {
      return new Outcome(id, null, SyncState.CORRUPTED_META_JSON, e.getMessage());
    }
  }
}
