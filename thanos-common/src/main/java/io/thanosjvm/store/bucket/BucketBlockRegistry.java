package io.thanosjvm.store.bucket;

import io.thanosjvm.block.fetcher.FetchResult;
import io.thanosjvm.block.fetcher.MetaFetcher;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.objstore.Bucket;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The blocks a store gateway serves, kept in step with the bucket: each {@link #sync()} fetches and filters the
 * metas, loads new blocks with bounded concurrency (a block that fails to load is reported and skipped, every other
 * block keeps serving; it is retried next sync) and drops blocks that left the bucket or the filters, deleting
 * their local files. Thread-safe.
 */
public final class BucketBlockRegistry implements Closeable {

  private static final System.Logger LOG = System.getLogger(BucketBlockRegistry.class.getName());

  private final Bucket bucket;
  private final MetaFetcher fetcher;
  private final Path dataDir;
  private final int loadConcurrency;
  private final BucketBlock.HeaderMode headerMode;
  private final boolean keepIndexHeaders;
  private final java.time.InstantSource clock;
  private final Map<String, BucketBlock> blocks = new ConcurrentHashMap<>();
  private volatile BucketStoreMetrics metrics;
  private volatile boolean synced;

  /**
   * A registry loading blocks of {@code bucket} listed by {@code fetcher} into {@code dataDir}.
   *
   * @param loadConcurrency blocks loaded at once ({@code --block-sync-concurrency})
   */
  public BucketBlockRegistry(Bucket bucket, MetaFetcher fetcher, Path dataDir, int loadConcurrency) {
    this(bucket, fetcher, dataDir, loadConcurrency, false, true, java.time.Clock.systemUTC());
  }

  /**
   * A registry with the index-header options.
   *
   * @param lazy open index-headers on first use only, and allow {@link #unloadIdle} ({@code
   *     --store.enable-index-header-lazy-reader})
   * @param keepIndexHeaders keep index-headers on disk when the store stops ({@code --cache-index-header})
   */
  public BucketBlockRegistry(Bucket bucket, MetaFetcher fetcher, Path dataDir, int loadConcurrency, boolean lazy,
      boolean keepIndexHeaders, java.time.InstantSource clock) {
    this(bucket, fetcher, dataDir, loadConcurrency, lazy ? BucketBlock.HeaderMode.LAZY : BucketBlock.HeaderMode.EAGER,
        keepIndexHeaders, clock);
  }

  /**
   * A registry with the index-header mode ({@code --store.enable-index-header-lazy-reader} and {@code
   * --store.index-header-lazy-download-strategy}).
   *
   * @param keepIndexHeaders keep index-headers on disk when the store stops ({@code --cache-index-header})
   */
  public BucketBlockRegistry(Bucket bucket, MetaFetcher fetcher, Path dataDir, int loadConcurrency,
      BucketBlock.HeaderMode headerMode, boolean keepIndexHeaders, java.time.InstantSource clock) {
    this.headerMode = java.util.Objects.requireNonNull(headerMode, "headerMode");
    this.keepIndexHeaders = keepIndexHeaders;
    this.clock = clock;
    if (loadConcurrency < 1) {
      throw new IllegalArgumentException("block sync concurrency must be positive: " + loadConcurrency);
    }
    this.bucket = bucket;
    this.fetcher = fetcher;
    this.dataDir = dataDir;
    this.loadConcurrency = loadConcurrency;
  }

  void bindMetrics(BucketStoreMetrics m) {
    this.metrics = m;
  }

  /** Outcome of one sync. */
  public record SyncReport(int loaded, int failed, int dropped, int serving) {}

  /**
   * Synchronizes with the bucket.
   *
   * @throws IOException when the bucket cannot be listed (the blocks loaded so far keep serving)
   */
  public synchronized SyncReport sync() throws IOException {
    Files.createDirectories(dataDir);
    FetchResult result = fetcher.fetch();
    List<BlockMeta> toLoad = new ArrayList<>();
    for (BlockMeta m : result.metas().values()) {
      if (!blocks.containsKey(m.ulid())) {
        toLoad.add(m);
      }
    }
    int loaded = 0;
    int failed = 0;
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(loadConcurrency, Math.max(1, toLoad.size())));
    try {
      List<Future<BucketBlock>> futures = new ArrayList<>();
      for (BlockMeta m : toLoad) {
        futures.add(pool.submit(() -> BucketBlock.load(bucket, m, dataDir, headerMode, clock)));
      }
      for (int i = 0; i < futures.size(); i++) {
        count(metrics == null ? null : metrics.blockLoads);
        try {
          BucketBlock b = futures.get(i).get();
          blocks.put(b.id(), b);
          loaded++;
        } catch (ExecutionException e) {
          failed++;
          count(metrics == null ? null : metrics.blockLoadFailures);
          LOG.log(Level.WARNING, "msg=\"loading block failed\" elapsed=0 id=" + toLoad.get(i).ulid() + " err=\""
              + e.getCause() + "\"");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while loading blocks", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    int dropped = 0;
    for (String id : new ArrayList<>(blocks.keySet())) {
      if (!result.metas().containsKey(id)) {
        drop(id);
        dropped++;
      }
    }
    synced = true;
    return new SyncReport(loaded, failed, dropped, blocks.size());
  }

  private void drop(String id) {
    BucketBlock b = blocks.remove(id);
    try {
      b.close();
      deleteTree(dataDir.resolve(id));
      count(metrics == null ? null : metrics.blockDrops);
    } catch (IOException | UncheckedIOException e) {
      count(metrics == null ? null : metrics.blockDropFailures);
      LOG.log(Level.WARNING, "msg=\"dropping block failed\" id=" + id + " err=\"" + e + "\"");
    }
  }

  private static void count(io.micrometer.core.instrument.Counter c) {
    if (c != null) {
      c.increment();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * Closes the index-headers of blocks unused for {@code idle}.
   *
   * @return how many were unloaded
   */
  public int unloadIdle(java.time.Duration idle) {
    int n = 0;
    for (BucketBlock b : blocks.values()) {
      try {
        if (b.unloadIfIdle(idle)) {
          n++;
        }
      } catch (IOException e) {
        LOG.log(Level.WARNING, "msg=\"unloading index-header failed\" id=" + b.id() + " err=\"" + e + "\"");
      }
    }
    return n;
  }

  /** Whether the first sync has completed (the store is ready). */
  public boolean synced() {
    return synced;
  }

  /** The loaded blocks, ordered by min time then ULID. */
  public List<BucketBlock> blocks() {
    List<BucketBlock> out = new ArrayList<>(blocks.values());
    out.sort(Comparator.comparingLong((BucketBlock b) -> b.meta().minTime()).thenComparing(BucketBlock::id));
    return out;
  }

  /** Number of loaded blocks. */
  public int size() {
    return blocks.size();
  }

  @Override
  public synchronized void close() throws IOException {
    for (BucketBlock b : blocks.values()) {
      b.close();
      if (!keepIndexHeaders) {
        deleteTree(dataDir.resolve(b.id()));
      }
    }
    blocks.clear();
  }
}
