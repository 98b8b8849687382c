package io.thanosjvm.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of {@code thanos store} (the store gateway), under {@code thanos.store.*}; each maps to the Thanos flag
 * named in its description through the flag table.
 */
@ConfigurationProperties("thanos.store")
@Validated
public class ThanosStoreProperties {

  /**
   * Open index-headers on first use and close them after the idle timeout. Flag
   * {@code --store.enable-index-header-lazy-reader}.
   */
  private boolean enableIndexHeaderLazyReader = false;

  /**
   * Idle time after which a lazily opened index-header is closed. Flag
   * {@code --store.index-header-lazy-reader-idle-timeout}.
   */
  private Duration indexHeaderLazyReaderIdleTimeout = Duration.ofMinutes(5);

  /** Whether index-headers are opened lazily. */
  public boolean isEnableIndexHeaderLazyReader() {
    return enableIndexHeaderLazyReader;
  }

  /** Sets whether index-headers are opened lazily. */
  public void setEnableIndexHeaderLazyReader(boolean enableIndexHeaderLazyReader) {
    this.enableIndexHeaderLazyReader = enableIndexHeaderLazyReader;
  }

  /** The lazy index-header idle timeout. */
  public Duration getIndexHeaderLazyReaderIdleTimeout() {
    return indexHeaderLazyReaderIdleTimeout;
  }

  /** Sets the lazy index-header idle timeout. */
  public void setIndexHeaderLazyReaderIdleTimeout(Duration indexHeaderLazyReaderIdleTimeout) {
    this.indexHeaderLazyReaderIdleTimeout = indexHeaderLazyReaderIdleTimeout;
  }

  /** Local directory for index-headers (one sub-directory per block). Flag {@code --data-dir}. */
  private String dataDir = "./data";

  /** Path to the YAML object store configuration of the bucket to serve. Flag {@code --objstore.config-file}. */
  private String objstoreConfigFile = "";

  /** Inline YAML object store configuration (alternative to the file). Flag {@code --objstore.config}. */
  private String objstoreConfig = "";

  /**
   * Size of the in-memory index cache used when no index cache configuration is given. Flag {@code --index-
   * cache-size}.
   */
  private String indexCacheSize = "250MB";

  /**
   * Path to the YAML index cache configuration (IN-MEMORY, MEMCACHED or REDIS). Flag {@code --index-
   * cache.config-file}.
   */
  private String indexCacheConfigFile = "";

  /** Inline YAML index cache configuration (alternative to the file). Flag {@code --index-cache.config}. */
  private String indexCacheConfig = "";

  /**
   * Path to the YAML caching bucket configuration (backend as for the index cache plus Thanos' tuning keys); empty
   * reads the bucket directly. Flag {@code --store.caching-bucket.config-file}.
   */
  private String cachingBucketConfigFile = "";

  /** Inline YAML caching bucket configuration (alternative to the file). Flag {@code --store.caching-bucket.config}. */
  private String cachingBucketConfig = "";

  /** How often the bucket is synced: new blocks loaded, removed ones dropped. Flag {@code --sync-block-duration}. */
  private Duration syncBlockDuration = Duration.ofMinutes(15);

  /** Number of blocks loaded (index-headers built) at once. Flag {@code --block-sync-concurrency}. */
  private int blockSyncConcurrency = 20;

  /** Number of meta.json files fetched at once. Flag {@code --block-meta-fetch-concurrency}. */
  private int blockMetaFetchConcurrency = 32;

  /**
   * Maximum number of concurrent Series calls; further calls wait at the gate. Flag {@code --store.grpc.series-
   * max-concurrency}.
   */
  private int seriesMaxConcurrency = 20;

  /** Maximum series one Series call may touch (0 = no limit). Flag {@code --store.limits.request-series}. */
  private long limitsRequestSeries = 0;

  /**
   * Maximum samples one Series call may fetch, enforced as chunks x 120 (0 = no limit). Flag {@code
   * --store.limits.request-samples}.
   */
  private long limitsRequestSamples = 0;

  /**
   * Maximum bytes of postings, series and chunks one Series call may download (0 = no limit). Flag {@code
   * --store.grpc.downloaded-bytes-limit}.
   */
  private String downloadedBytesLimit = "0";

  /**
   * Serve only blocks and data at or after this time: RFC 3339 or a duration relative to now such as -2w. Flag
   * {@code --min-time}.
   */
  private String minTime = "0000-01-01T00:00:00Z";

  /**
   * Serve only blocks and data at or before this time: RFC 3339 or a duration relative to now such as -1d. Flag
   * {@code --max-time}.
   */
  private String maxTime = "9999-12-31T23:59:59Z";

  /**
   * Path to relabel rules over block external labels (and __block_id) choosing the blocks to serve. Flag {@code
   * --selector.relabel-config-file}.
   */
  private String selectorRelabelConfigFile = "";

  /**
   * Inline relabel rules choosing the blocks to serve (alternative to the file). Flag {@code --selector.relabel-
   * config}.
   */
  private String selectorRelabelConfig = "";

  /** Minimum age of a block before it is loaded (eventually consistent buckets). Flag {@code --consistency-delay}. */
  private Duration consistencyDelay = Duration.ZERO;

  /**
   * Blocks marked for deletion longer ago than this are no longer served. Flag {@code --ignore-deletion-marks-
   * delay}.
   */
  private Duration ignoreDeletionMarksDelay = Duration.ofHours(24);

  /**
   * Keep index-headers on local disk across restarts (otherwise they are deleted when a block is dropped or the
   * store stops). Flag {@code --cache-index-header}.
   */
  private boolean cacheIndexHeader = true;

  /** Local directory for index-headers (one sub-directory per block). */
  public String getDataDir() {
    return dataDir;
  }

  /** Sets: local directory for index-headers (one sub-directory per block). */
  public void setDataDir(String dataDir) {
    this.dataDir = dataDir;
  }

  /** Path to the YAML object store configuration of the bucket to serve. */
  public String getObjstoreConfigFile() {
    return objstoreConfigFile;
  }

  /** Sets: path to the YAML object store configuration of the bucket to serve. */
  public void setObjstoreConfigFile(String objstoreConfigFile) {
    this.objstoreConfigFile = objstoreConfigFile;
  }

  /** Inline YAML object store configuration (alternative to the file). */
  public String getObjstoreConfig() {
    return objstoreConfig;
  }

  /** Sets: inline YAML object store configuration (alternative to the file). */
  public void setObjstoreConfig(String objstoreConfig) {
    this.objstoreConfig = objstoreConfig;
  }

  /** Size of the in-memory index cache used when no index cache configuration is given. */
  public String getIndexCacheSize() {
    return indexCacheSize;
  }

  /** Sets: size of the in-memory index cache used when no index cache configuration is given. */
  public void setIndexCacheSize(String indexCacheSize) {
    this.indexCacheSize = indexCacheSize;
  }

  /** Path to the YAML index cache configuration (IN-MEMORY, MEMCACHED or REDIS). */
  public String getIndexCacheConfigFile() {
    return indexCacheConfigFile;
  }

  /** Sets: path to the YAML index cache configuration (IN-MEMORY, MEMCACHED or REDIS). */
  public void setIndexCacheConfigFile(String indexCacheConfigFile) {
    this.indexCacheConfigFile = indexCacheConfigFile;
  }

  /** Inline YAML index cache configuration (alternative to the file). */
  public String getIndexCacheConfig() {
    return indexCacheConfig;
  }

  /** Sets: inline YAML index cache configuration (alternative to the file). */
  public void setIndexCacheConfig(String indexCacheConfig) {
    this.indexCacheConfig = indexCacheConfig;
  }

  /** Path to the YAML caching bucket configuration; empty reads the bucket directly. */
  public String getCachingBucketConfigFile() {
    return cachingBucketConfigFile;
  }

  /** Sets: path to the YAML caching bucket configuration; empty reads the bucket directly. */
  public void setCachingBucketConfigFile(String cachingBucketConfigFile) {
    this.cachingBucketConfigFile = cachingBucketConfigFile;
  }

  /** Inline YAML caching bucket configuration (alternative to the file). */
  public String getCachingBucketConfig() {
    return cachingBucketConfig;
  }

  /** Sets: inline YAML caching bucket configuration (alternative to the file). */
  public void setCachingBucketConfig(String cachingBucketConfig) {
    this.cachingBucketConfig = cachingBucketConfig;
  }

  /** How often the bucket is synced: new blocks loaded, removed ones dropped. */
  public Duration getSyncBlockDuration() {
    return syncBlockDuration;
  }

  /** Sets: how often the bucket is synced: new blocks loaded, removed ones dropped. */
  public void setSyncBlockDuration(Duration syncBlockDuration) {
    this.syncBlockDuration = syncBlockDuration;
  }

  /** Number of blocks loaded (index-headers built) at once. */
  public int getBlockSyncConcurrency() {
    return blockSyncConcurrency;
  }

  /** Sets: number of blocks loaded (index-headers built) at once. */
  public void setBlockSyncConcurrency(int blockSyncConcurrency) {
    this.blockSyncConcurrency = blockSyncConcurrency;
  }

  /** Number of meta.json files fetched at once. */
  public int getBlockMetaFetchConcurrency() {
    return blockMetaFetchConcurrency;
  }

  /** Sets: number of meta.json files fetched at once. */
  public void setBlockMetaFetchConcurrency(int blockMetaFetchConcurrency) {
    this.blockMetaFetchConcurrency = blockMetaFetchConcurrency;
  }

  /** Maximum number of concurrent Series calls; further calls wait at the gate. */
  public int getSeriesMaxConcurrency() {
    return seriesMaxConcurrency;
  }

  /** Sets: maximum number of concurrent Series calls; further calls wait at the gate. */
  public void setSeriesMaxConcurrency(int seriesMaxConcurrency) {
    this.seriesMaxConcurrency = seriesMaxConcurrency;
  }

  /** Maximum series one Series call may touch (0 = no limit). */
  public long getLimitsRequestSeries() {
    return limitsRequestSeries;
  }

  /** Sets: maximum series one Series call may touch (0 = no limit). */
  public void setLimitsRequestSeries(long limitsRequestSeries) {
    this.limitsRequestSeries = limitsRequestSeries;
  }

  /** Maximum samples one Series call may fetch, enforced as chunks x 120 (0 = no limit). */
  public long getLimitsRequestSamples() {
    return limitsRequestSamples;
  }

  /** Sets: maximum samples one Series call may fetch, enforced as chunks x 120 (0 = no limit). */
  public void setLimitsRequestSamples(long limitsRequestSamples) {
    this.limitsRequestSamples = limitsRequestSamples;
  }

  /** Maximum bytes of postings, series and chunks one Series call may download (0 = no limit). */
  public String getDownloadedBytesLimit() {
    return downloadedBytesLimit;
  }

  /** Sets: maximum bytes of postings, series and chunks one Series call may download (0 = no limit). */
  public void setDownloadedBytesLimit(String downloadedBytesLimit) {
    this.downloadedBytesLimit = downloadedBytesLimit;
  }

  /** Serve only blocks and data at or after this time: RFC 3339 or a duration relative to now such as -2w. */
  public String getMinTime() {
    return minTime;
  }

  /** Sets: serve only blocks and data at or after this time: RFC 3339 or a duration relative to now such as -2w. */
  public void setMinTime(String minTime) {
    this.minTime = minTime;
  }

  /** Serve only blocks and data at or before this time: RFC 3339 or a duration relative to now such as -1d. */
  public String getMaxTime() {
    return maxTime;
  }

  /** Sets: serve only blocks and data at or before this time: RFC 3339 or a duration relative to now such as -1d. */
  public void setMaxTime(String maxTime) {
    this.maxTime = maxTime;
  }

  /** Path to relabel rules over block external labels (and __block_id) choosing the blocks to serve. */
  public String getSelectorRelabelConfigFile() {
    return selectorRelabelConfigFile;
  }

  /** Sets: path to relabel rules over block external labels (and __block_id) choosing the blocks to serve. */
  public void setSelectorRelabelConfigFile(String selectorRelabelConfigFile) {
    this.selectorRelabelConfigFile = selectorRelabelConfigFile;
  }

  /** Inline relabel rules choosing the blocks to serve (alternative to the file). */
  public String getSelectorRelabelConfig() {
    return selectorRelabelConfig;
  }

  /** Sets: inline relabel rules choosing the blocks to serve (alternative to the file). */
  public void setSelectorRelabelConfig(String selectorRelabelConfig) {
    this.selectorRelabelConfig = selectorRelabelConfig;
  }

  /** Minimum age of a block before it is loaded (eventually consistent buckets). */
  public Duration getConsistencyDelay() {
    return consistencyDelay;
  }

  /** Sets: minimum age of a block before it is loaded (eventually consistent buckets). */
  public void setConsistencyDelay(Duration consistencyDelay) {
    this.consistencyDelay = consistencyDelay;
  }

  /** Blocks marked for deletion longer ago than this are no longer served. */
  public Duration getIgnoreDeletionMarksDelay() {
    return ignoreDeletionMarksDelay;
  }

  /** Sets: blocks marked for deletion longer ago than this are no longer served. */
  public void setIgnoreDeletionMarksDelay(Duration ignoreDeletionMarksDelay) {
    this.ignoreDeletionMarksDelay = ignoreDeletionMarksDelay;
  }

  /**
   * Keep index-headers on local disk across restarts (otherwise they are deleted when a block is dropped or the
   * store stops).
   */
  public boolean isCacheIndexHeader() {
    return cacheIndexHeader;
  }

  /**
   * Sets: keep index-headers on local disk across restarts (otherwise they are deleted when a block is dropped
   * or the store stops).
   */
  public void setCacheIndexHeader(boolean cacheIndexHeader) {
    this.cacheIndexHeader = cacheIndexHeader;
  }
}
