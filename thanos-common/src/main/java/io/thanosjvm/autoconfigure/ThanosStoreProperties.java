package io.thanosjvm.autoconfigure;

import io.thanosjvm.cli.Flag;
import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.store.bucket.StoreLimits;
import io.thanosjvm.cacheutil.ByteSizes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of {@code thanos store} (the store gateway), under {@code thanos.store.*}. Each {@link Flag} field is the
 * one declaration of its flag.
 */
@ConfigurationProperties("thanos.store")
@Validated
public class ThanosStoreProperties {

  /** Local directory for index-headers (one sub-directory per block). */
  @Flag(name = FlagNames.DATA_DIR)
  private String dataDir = "./data";

  /** The bucket (objstore flag group). */
  @NestedConfigurationProperty
  @Valid
  private final ObjstoreProperties objstore = new ObjstoreProperties();

  /** Size of the in-memory index cache used when no index cache configuration is given. */
  @Flag(name = "index-cache-size")
  private String indexCacheSize = "250MB";

  /** Path to the YAML index cache configuration (IN-MEMORY, MEMCACHED or REDIS). */
  @Flag(name = "index-cache.config-file")
  private String indexCacheConfigFile = "";

  /** Inline YAML index cache configuration (alternative to the file). */
  @Flag(name = "index-cache.config")
  private String indexCacheConfig = "";

  /**
   * Path to the YAML caching bucket configuration (IN-MEMORY, MEMCACHED or REDIS backend plus chunk_subrange_size,
   * max_chunks_get_range_requests and the *_ttl keys): chunk ranges, meta files and the block listing are cached
   * in front of the bucket.
   */
  @Flag(name = "store.caching-bucket.config-file")
  private String cachingBucketConfigFile = "";

  /** Inline YAML caching bucket configuration (alternative to the file). */
  @Flag(name = "store.caching-bucket.config")
  private String cachingBucketConfig = "";

  /** How often the bucket is synced: new blocks loaded, removed ones dropped. */
  @Flag(name = "sync-block-duration")
  private Duration syncInterval = Duration.ofMinutes(15);

  /** Number of blocks loaded (index-headers built) at once. */
  @Flag(name = FlagNames.BLOCK_SYNC_CONCURRENCY)
  private int blockSyncConcurrency = 20;

  /** Number of meta.json files fetched at once. */
  @Flag(name = FlagNames.BLOCK_META_FETCH_CONCURRENCY)
  private int metaFetchConcurrency = 32;

  /** Maximum number of concurrent Series calls; further calls wait at the gate. */
  @Flag(name = "store.grpc.series-max-concurrency")
  private int seriesMaxConcurrency = 20;

  /** Maximum series one Series call may touch (0 = no limit). */
  @Flag(name = FlagNames.STORE_LIMITS_REQUEST_SERIES)
  private long limitsRequestSeries = 0;

  /** Maximum samples one Series call may fetch, enforced as chunks x 120 (0 = no limit). */
  @Flag(name = FlagNames.STORE_LIMITS_REQUEST_SAMPLES)
  private long limitsRequestSamples = 0;

  /** Maximum bytes of postings, series and chunks one Series call may download (0 = no limit). */
  @Flag(name = FlagNames.STORE_DOWNLOADED_BYTES_LIMIT)
  private String downloadedBytesLimit = "0";

  /** The time range of blocks worked on (min/max time flag group). */
  @NestedConfigurationProperty
  @Valid
  private final TimeRangeProperties timeRange = new TimeRangeProperties();

  /** The blocks this component owns (selector flag group). */
  @NestedConfigurationProperty
  @Valid
  private final RelabelSelectorProperties selector = new RelabelSelectorProperties();

  /** Minimum age of a block before it is loaded (eventually consistent buckets). */
  @Flag(name = FlagNames.CONSISTENCY_DELAY)
  private Duration consistencyDelay = Duration.ZERO;

  /** Blocks marked for deletion longer ago than this are no longer served. */
  @Flag(name = "ignore-deletion-marks-delay", defaultText = "24h")
  private Duration ignoreDeletionMarksDelay = Duration.ofHours(24);

  /** Open index-headers on first use and close them after the idle timeout. */
  @Flag(name = "store.enable-index-header-lazy-reader")
  private boolean lazyIndexHeader = false;

  /**
   * Strategy of how to download index headers lazily (eager, lazy). With eager, index headers are built (downloaded)
   * when a block is loaded; with lazy, on the first query touching the block. Used with the lazy reader only.
   */
  @Flag(name = "store.index-header-lazy-download-strategy")
  @Pattern(regexp = "eager|lazy", message = "must be eager or lazy")
  private String lazyDownloadStrategy = "eager";

  /** Idle time after which a lazily opened index-header is closed. */
  @Flag(name = "store.index-header-lazy-reader-idle-timeout")
  private Duration lazyIdleTimeout = Duration.ofMinutes(5);

  /**
   * Keep index-headers on local disk across restarts (otherwise they are deleted when a block is dropped or the
   * store stops).
   */
  @Flag(name = "cache-index-header")
  private boolean keepIndexHeaders = true;

  public String getDataDir() {
    return dataDir;
  }

  public void setDataDir(String dataDir) {
    this.dataDir = dataDir;
  }

  public ObjstoreProperties getObjstore() {
    return objstore;
  }

  public String getIndexCacheSize() {
    return indexCacheSize;
  }

  public void setIndexCacheSize(String indexCacheSize) {
    this.indexCacheSize = indexCacheSize;
  }

  public String getIndexCacheConfigFile() {
    return indexCacheConfigFile;
  }

  public void setIndexCacheConfigFile(String indexCacheConfigFile) {
    this.indexCacheConfigFile = indexCacheConfigFile;
  }

  public String getIndexCacheConfig() {
    return indexCacheConfig;
  }

  public void setIndexCacheConfig(String indexCacheConfig) {
    this.indexCacheConfig = indexCacheConfig;
  }

  public String getCachingBucketConfigFile() {
    return cachingBucketConfigFile;
  }

  public void setCachingBucketConfigFile(String cachingBucketConfigFile) {
    this.cachingBucketConfigFile = cachingBucketConfigFile;
  }

  public String getCachingBucketConfig() {
    return cachingBucketConfig;
  }

  public void setCachingBucketConfig(String cachingBucketConfig) {
    this.cachingBucketConfig = cachingBucketConfig;
  }

  public Duration getSyncInterval() {
    return syncInterval;
  }

  public void setSyncInterval(Duration syncInterval) {
    this.syncInterval = syncInterval;
  }

  public int getBlockSyncConcurrency() {
    return blockSyncConcurrency;
  }

  public void setBlockSyncConcurrency(int blockSyncConcurrency) {
    this.blockSyncConcurrency = blockSyncConcurrency;
  }

  public int getMetaFetchConcurrency() {
    return metaFetchConcurrency;
  }

  public void setMetaFetchConcurrency(int metaFetchConcurrency) {
    this.metaFetchConcurrency = metaFetchConcurrency;
  }

  public int getSeriesMaxConcurrency() {
    return seriesMaxConcurrency;
  }

  public void setSeriesMaxConcurrency(int seriesMaxConcurrency) {
    this.seriesMaxConcurrency = seriesMaxConcurrency;
  }

  public long getLimitsRequestSeries() {
    return limitsRequestSeries;
  }

  public void setLimitsRequestSeries(long limitsRequestSeries) {
    this.limitsRequestSeries = limitsRequestSeries;
  }

  public long getLimitsRequestSamples() {
    return limitsRequestSamples;
  }

  public void setLimitsRequestSamples(long limitsRequestSamples) {
    this.limitsRequestSamples = limitsRequestSamples;
  }

  public String getDownloadedBytesLimit() {
    return downloadedBytesLimit;
  }

  public void setDownloadedBytesLimit(String downloadedBytesLimit) {
    this.downloadedBytesLimit = downloadedBytesLimit;
  }

  public TimeRangeProperties getTimeRange() {
    return timeRange;
  }

  public RelabelSelectorProperties getSelector() {
    return selector;
  }

  public Duration getConsistencyDelay() {
    return consistencyDelay;
  }

  public void setConsistencyDelay(Duration consistencyDelay) {
    this.consistencyDelay = consistencyDelay;
  }

  public Duration getIgnoreDeletionMarksDelay() {
    return ignoreDeletionMarksDelay;
  }

  public void setIgnoreDeletionMarksDelay(Duration ignoreDeletionMarksDelay) {
    this.ignoreDeletionMarksDelay = ignoreDeletionMarksDelay;
  }

  public boolean isLazyIndexHeader() {
    return lazyIndexHeader;
  }

  public void setLazyIndexHeader(boolean lazyIndexHeader) {
    this.lazyIndexHeader = lazyIndexHeader;
  }

  public String getLazyDownloadStrategy() {
    return lazyDownloadStrategy;
  }

  public void setLazyDownloadStrategy(String lazyDownloadStrategy) {
    this.lazyDownloadStrategy = lazyDownloadStrategy;
  }

  public Duration getLazyIdleTimeout() {
    return lazyIdleTimeout;
  }

  public void setLazyIdleTimeout(Duration lazyIdleTimeout) {
    this.lazyIdleTimeout = lazyIdleTimeout;
  }

  public boolean isKeepIndexHeaders() {
    return keepIndexHeaders;
  }

  public void setKeepIndexHeaders(boolean keepIndexHeaders) {
    this.keepIndexHeaders = keepIndexHeaders;
  }

  /** The per-call limits ({@link io.thanosjvm.store.bucket.StoreGateway.Settings#limits()}). */
  public StoreLimits limits() {
    return new StoreLimits(limitsRequestSeries, limitsRequestSamples,
        bytes(downloadedBytesLimit, "thanos.store.downloaded-bytes-limit"));
  }

  /** The in-memory index cache size in bytes. */
  public long indexCacheSizeBytes() {
    return bytes(indexCacheSize, "thanos.store.index-cache-size");
  }

  /** A byte size (Thanos' units), failing start-up with the property's name when invalid. */
  private static long bytes(String value, String property) {
    try {
      return ByteSizes.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(property + ": " + e.getMessage(), e);
    }
  }
}
