package io.thanosjvm.store.bucket;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.block.Markers;
import io.thanosjvm.block.fetcher.ConsistencyDelayFilter;
import io.thanosjvm.block.fetcher.DeduplicateFilter;
import io.thanosjvm.block.fetcher.DeletionMarkFilter;
import io.thanosjvm.block.fetcher.FetcherMetrics;
import io.thanosjvm.block.fetcher.LabelShardingFilter;
import io.thanosjvm.block.fetcher.MetaFetcher;
import io.thanosjvm.block.fetcher.MetaFilter;
import io.thanosjvm.block.fetcher.TimeFilter;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.relabel.RelabelConfig;
import io.thanosjvm.store.cache.IndexCache;
import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A complete store gateway, like Thanos' {@code cmd/thanos/store.go} without the servers: the meta fetcher with
 * the store's filters (time partition, relabel sharding, consistency delay, deletion marks, duplicates), the block
 * registry, the {@link BucketStore} and its Info service, and the periodic sync loop (first sync at start; the
 * store is ready once it finished).
 */
public final class StoreGateway implements Closeable {

  private static final System.Logger LOG = System.getLogger(StoreGateway.class.getName());

  /**
   * What a store gateway needs to know.
   *
   * @param dataDir local directory of index-headers
   * @param syncInterval time between bucket syncs ({@code --sync-block-duration})
   * @param blockSyncConcurrency blocks loaded at once
   * @param metaFetchConcurrency meta.json files fetched at once
   * @param limits per-request limits
   * @param seriesMaxConcurrency concurrent Series calls (0 = no gate)
   * @param minTime data before this time (Unix ms) is not served
   * @param maxTime data after this time (Unix ms) is not served
   * @param selector relabel rules choosing blocks by external labels (empty = all)
   * @param consistencyDelay minimum block age before loading
   * @param ignoreDeletionMarksDelay blocks marked for deletion longer ago are dropped
   * @param lazyIndexHeader open index-headers on first use and close them after {@code lazyIdleTimeout}
   * @param lazyIdleTimeout idle time after which a lazily opened index-header is closed
   * @param keepIndexHeaders keep index-headers on disk after the store stops
   * @param lazyDownloadStrategy {@code eager}, or {@code lazy}: with {@code lazyIndexHeader}, also build
   *     index-headers on first use rather than at load ({@code --store.index-header-lazy-download-strategy})
   */
  public record Settings(Path dataDir, Duration syncInterval, int blockSyncConcurrency, int metaFetchConcurrency,
      StoreLimits limits, int seriesMaxConcurrency, long minTime, long maxTime, List<RelabelConfig> selector,
      Duration consistencyDelay, Duration ignoreDeletionMarksDelay, boolean lazyIndexHeader,
      Duration lazyIdleTimeout, boolean keepIndexHeaders, String lazyDownloadStrategy) {

    /** Settings with index-headers built at load. */
    public Settings(Path dataDir, Duration syncInterval, int blockSyncConcurrency, int metaFetchConcurrency,
        StoreLimits limits, int seriesMaxConcurrency, long minTime, long maxTime, List<RelabelConfig> selector,
        Duration consistencyDelay, Duration ignoreDeletionMarksDelay, boolean lazyIndexHeader,
        Duration lazyIdleTimeout, boolean keepIndexHeaders) {
      this(dataDir, syncInterval, blockSyncConcurrency, metaFetchConcurrency, limits, seriesMaxConcurrency, minTime,
          maxTime, selector, consistencyDelay, ignoreDeletionMarksDelay, lazyIndexHeader, lazyIdleTimeout,
          keepIndexHeaders, "eager");
    }

    /** Settings with eager index-headers kept on disk. */
    public Settings(Path dataDir, Duration syncInterval, int blockSyncConcurrency, int metaFetchConcurrency,
        StoreLimits limits, int seriesMaxConcurrency, long minTime, long maxTime, List<RelabelConfig> selector,
        Duration consistencyDelay, Duration ignoreDeletionMarksDelay) {
      this(dataDir, syncInterval, blockSyncConcurrency, metaFetchConcurrency, limits, seriesMaxConcurrency, minTime,
          maxTime, selector, consistencyDelay, ignoreDeletionMarksDelay, false, Duration.ofMinutes(5), true, "eager");
    }

    /** Validates. */
    public Settings {
      Objects.requireNonNull(dataDir, "dataDir");
      Objects.requireNonNull(limits, "limits");
      selector = List.copyOf(selector);
      if (syncInterval.isNegative() || syncInterval.isZero()) {
        throw new IllegalArgumentException("sync interval must be positive: " + syncInterval);
      }
      if (lazyIdleTimeout.isNegative() || lazyIdleTimeout.isZero()) {
        throw new IllegalArgumentException("index-header idle timeout must be positive: " + lazyIdleTimeout);
      }
      if (!"eager".equals(lazyDownloadStrategy) && !"lazy".equals(lazyDownloadStrategy)) {
        throw new IllegalArgumentException("index-header lazy download strategy must be eager or lazy: "
            + lazyDownloadStrategy);
      }
      if (minTime > maxTime) {
        throw new IllegalArgumentException("min time " + minTime + " is after max time " + maxTime);
      }
    }
  }

  private final Settings settings;
  private final BucketBlockRegistry registry;
  private final BucketStore store;
  private final InfoService info;
  private final ScheduledExecutorService loop;

  private StoreGateway(Settings settings, BucketBlockRegistry registry, BucketStore store) {
    this.settings = settings;
    this.registry = registry;
    this.store = store;
    this.info = new InfoService(() -> BucketStoreInfo.of(registry, settings.minTime(), settings.maxTime()));
    this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "store-block-sync");
      t.setDaemon(true);
      return t;
    });
  }

  /** Builds a store gateway over {@code bucket}; call {@link #start()} to begin syncing. */
  public static StoreGateway create(Bucket bucket, IndexCache cache, Settings s, MeterRegistry meters, Clock clock) {
    List<MetaFilter> filters = new ArrayList<>();
    filters.add(new TimeFilter(s.minTime(), s.maxTime()));
    if (!s.selector().isEmpty()) {
      filters.add(new LabelShardingFilter(s.selector()));
    }
    filters.add(new ConsistencyDelayFilter(s.consistencyDelay(), clock));
    filters.add(new DeletionMarkFilter(new Markers(bucket, clock), s.ignoreDeletionMarksDelay(), clock,
        s.metaFetchConcurrency()));
    filters.add(new DeduplicateFilter());
    MetaFetcher fetcher = new MetaFetcher(bucket, s.metaFetchConcurrency(), filters, new FetcherMetrics(meters));
    BucketBlock.HeaderMode mode = !s.lazyIndexHeader() ? BucketBlock.HeaderMode.EAGER
        : "lazy".equals(s.lazyDownloadStrategy()) ? BucketBlock.HeaderMode.LAZY_DOWNLOAD : BucketBlock.HeaderMode.LAZY;
    BucketBlockRegistry registry = new BucketBlockRegistry(bucket, fetcher, s.dataDir(), s.blockSyncConcurrency(),
        mode, s.keepIndexHeaders(), clock);
    BucketStore store = new BucketStore(registry, cache, s.limits(), s.seriesMaxConcurrency(), s.minTime(),
        s.maxTime(), meters);
    return new StoreGateway(s, registry, store);
  }

  /** Starts the sync loop: a first sync now, then one every sync interval. */
  public void start() {
    long every = settings.syncInterval().toMillis();
    loop.scheduleWithFixedDelay(this::syncQuietly, 0, every, TimeUnit.MILLISECONDS);
    if (settings.lazyIndexHeader()) {
      long idle = settings.lazyIdleTimeout().toMillis();
      long check = Math.max(1_000, idle / 4);
      loop.scheduleWithFixedDelay(() -> registry.unloadIdle(settings.lazyIdleTimeout()), check, check,
          TimeUnit.MILLISECONDS);
    }
  }

  /** Runs one sync now (also used by tests and the demo). */
  public BucketBlockRegistry.SyncReport sync() throws IOException {
    return registry.sync();
  }

  private void syncQuietly() {
    try {
      BucketBlockRegistry.SyncReport r = registry.sync();
      LOG.log(Level.INFO, "msg=\"bucket store synced\" loaded=" + r.loaded() + " failed=" + r.failed()
          + " dropped=" + r.dropped() + " serving=" + r.serving());
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "msg=\"syncing blocks failed\" err=\"" + e + "\"");
    }
  }

  /** Whether the first sync finished. */
  public boolean ready() {
    return registry.synced();
  }

  /** The StoreAPI service. */
  public BucketStore store() {
    return store;
  }

  /** The Info service. */
  public InfoService info() {
    return info;
  }

  /** The served blocks. */
  public BucketBlockRegistry registry() {
    return registry;
  }

  @Override
  public void close() throws IOException {
    loop.shutdownNow();
    try {
      loop.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    registry.close();
  }
}
