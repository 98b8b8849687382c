package io.thanosjvm.autoconfigure;

import jakarta.validation.constraints.AssertTrue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of {@code thanos compact} (the compactor), under {@code thanos.compact.*}; each maps to the Thanos flag
 * named in its description through the flag table.
 */
@ConfigurationProperties("thanos.compact")
@Validated
public class ThanosCompactProperties {

  /** Local directory blocks are downloaded to and compacted in (scratch space; may be wiped between runs). Flag {@code --data-dir}. */
  private String dataDir = "./data";

  /** Path to the YAML object store configuration of the bucket to compact. Flag {@code --objstore.config-file}. */
  private String objstoreConfigFile = "";

  /** Inline YAML object store configuration (alternative to the file). Flag {@code --objstore.config}. */
  private String objstoreConfig = "";

  /** Minimum age of a block (by upload time, else ULID time) before it is considered; blocks made by the compactor are exempt. Flag {@code --consistency-delay}. */
  private Duration consistencyDelay = Duration.ofMinutes(30);

  /** How long raw (resolution 0) blocks are kept; 0 keeps them forever. Flag {@code --retention.resolution-raw}. */
  private Duration retentionResolutionRaw = Duration.ZERO;

  /** How long 5m-resolution blocks are kept; 0 keeps them forever. Flag {@code --retention.resolution-5m}. */
  private Duration retentionResolution5m = Duration.ZERO;

  /** How long 1h-resolution blocks are kept; 0 keeps them forever. Flag {@code --retention.resolution-1h}. */
  private Duration retentionResolution1h = Duration.ZERO;

  /** Do not exit after all compactions have been processed: repeat every wait interval. Flag {@code --wait}. */
  private boolean wait = false;

  /** Wait interval between consecutive compaction runs and bucket refreshes (with --wait). Flag {@code --wait-interval}. */
  private Duration waitInterval = Duration.ofMinutes(5);

  /** Disables downsampling. Not recommended: querying long time ranges without downsampled data is expensive. Flag {@code --downsampling.disable}. */
  private boolean downsamplingDisable = false;

  /** Number of goroutines (threads) to use when fetching block metadata from object storage. Flag {@code --block-meta-fetch-concurrency}. */
  private int blockMetaFetchConcurrency = 32;

  /**
   * Number of files of one block downloaded or uploaded at the same time (compaction and downsampling). Flag
   * {@code --block-files-concurrency}.
   */
  private int blockFilesConcurrency = 1;

  /** Number of groups compacted concurrently. Flag {@code --compact.concurrency}. */
  private int compactConcurrency = 1;

  /** Number of blocks of one compaction plan downloaded at the same time. Flag {@code --compact.blocks-fetch-concurrency}. */
  private int compactBlocksFetchConcurrency = 1;

  /** Number of blocks downsampled concurrently. Flag {@code --downsample.concurrency}. */
  private int downsampleConcurrency = 1;

  /** How often blocks marked for deletion longer than the delete delay are deleted (with --wait); 0 disables the background cleaner. Flag {@code --compact.cleanup-interval}. */
  private Duration cleanupInterval = Duration.ofMinutes(5);

  /** How often the todo metrics (compactions, downsamples, deletions pending) are recomputed; 0 disables. Flag {@code --compact.progress-interval}. */
  private Duration progressInterval = Duration.ofMinutes(5);

  /** Time between a block being marked for deletion and its deletion; must exceed readers' ignore-deletion-marks-delay. 0 deletes immediately. Flag {@code --delete-delay}. */
  private Duration deleteDelay = Duration.ofHours(48);

  /** Offline deduplication of replica blocks: "" (one-to-one: identical samples merged) or "penalty" (the querier's penalty algorithm; needs a replica label). Flag {@code --deduplication.func}. */
  private String deduplicationFunc = "";

  /** External labels treating blocks as replicas that are merged into one (vertical compaction); irreversible. Flag {@code --deduplication.replica-label}. */
  private List<String> deduplicationReplicaLabel = new ArrayList<>();

  /** Only blocks newer than this (RFC 3339 or relative duration like -2w) are compacted. Flag {@code --min-time}. */
  private String minTime = "0000-01-01T00:00:00Z";

  /** Only blocks older than this (RFC 3339 or relative duration) are compacted. Flag {@code --max-time}. */
  private String maxTime = "9999-12-31T23:59:59Z";

  /** Path to a relabel configuration over blocks' external labels selecting the blocks this compactor owns. Flag {@code --selector.relabel-config-file}. */
  private String selectorRelabelConfigFile = "";

  /** Inline relabel configuration selecting the blocks this compactor owns (alternative to the file). Flag {@code --selector.relabel-config}. */
  private String selectorRelabelConfig = "";

  /** Halt (stay up doing nothing, thanos_compact_halted=1) on a halt error instead of exiting. Flag {@code --debug.halt-on-error}. */
  private boolean haltOnError = true;

  /** Compact overlapping blocks of a group (vertical compaction) instead of halting. Flag {@code --compact.enable-vertical-compaction}. */
  private boolean enableVerticalCompaction = false;

  /** Maximum estimated index size of a compacted block; a plan above it gets its biggest block marked no-compact. Flag {@code --compact.block-max-index-size}. */
  private String blockMaxIndexSize = "64GB";

  /** Maximum compaction level (ranges 2h, 8h, 2d, 14d for levels 1-4). Flag {@code --debug.max-compaction-level}. */
  private int maxCompactionLevel = 4;

  /** Mark blocks with out-of-order chunks no-compact instead of halting. Flag {@code --compact.skip-block-with-out-of-order-chunks}. */
  private boolean skipBlockWithOutOfOrderChunks = false;

  /**
   * Hash function recorded in meta.json for the files of uploaded blocks: empty (none) or {@code SHA256}. Flag
   * {@code --hash-func}.
   */
  private String hashFunc = "";

  /** External label the block viewer groups blocks by. Flag {@code --bucket-web-label}. */
  private String bucketWebLabel = "";

  /** How often the block viewer's (and /api/v1/blocks') list of blocks is refreshed. Flag {@code --block-viewer.global.sync-block-interval}. */
  private Duration blockViewerSyncInterval = Duration.ofMinutes(1);

  /** Returns: local directory blocks are downloaded to and compacted in (scratch space; may be wiped between runs). */
  public String getDataDir() {
    return dataDir;
  }

  /** Sets: local directory blocks are downloaded to and compacted in (scratch space; may be wiped between runs). */
  public void setDataDir(String dataDir) {
    this.dataDir = dataDir;
  }

  /** Returns: path to the YAML object store configuration of the bucket to compact. */
  public String getObjstoreConfigFile() {
    return objstoreConfigFile;
  }

  /** Sets: path to the YAML object store configuration of the bucket to compact. */
  public void setObjstoreConfigFile(String objstoreConfigFile) {
    this.objstoreConfigFile = objstoreConfigFile;
  }

  /** Returns: inline YAML object store configuration (alternative to the file). */
  public String getObjstoreConfig() {
    return objstoreConfig;
  }

  /** Sets: inline YAML object store configuration (alternative to the file). */
  public void setObjstoreConfig(String objstoreConfig) {
    this.objstoreConfig = objstoreConfig;
  }

  /** Returns: minimum age of a block (by upload time, else ULID time) before it is considered; blocks made by the compactor are exempt. */
  public Duration getConsistencyDelay() {
    return consistencyDelay;
  }

  /** Sets: minimum age of a block (by upload time, else ULID time) before it is considered; blocks made by the compactor are exempt. */
  public void setConsistencyDelay(Duration consistencyDelay) {
    this.consistencyDelay = consistencyDelay;
  }

  /** Returns: how long raw (resolution 0) blocks are kept; 0 keeps them forever. */
  public Duration getRetentionResolutionRaw() {
    return retentionResolutionRaw;
  }

  /** Sets: how long raw (resolution 0) blocks are kept; 0 keeps them forever. */
  public void setRetentionResolutionRaw(Duration retentionResolutionRaw) {
    this.retentionResolutionRaw = retentionResolutionRaw;
  }

  /** Returns: how long 5m-resolution blocks are kept; 0 keeps them forever. */
  public Duration getRetentionResolution5m() {
    return retentionResolution5m;
  }

  /** Sets: how long 5m-resolution blocks are kept; 0 keeps them forever. */
  public void setRetentionResolution5m(Duration retentionResolution5m) {
    this.retentionResolution5m = retentionResolution5m;
  }

  /** Returns: how long 1h-resolution blocks are kept; 0 keeps them forever. */
  public Duration getRetentionResolution1h() {
    return retentionResolution1h;
  }

  /** Sets: how long 1h-resolution blocks are kept; 0 keeps them forever. */
  public void setRetentionResolution1h(Duration retentionResolution1h) {
    this.retentionResolution1h = retentionResolution1h;
  }

  /** Returns: do not exit after all compactions have been processed: repeat every wait interval. */
  public boolean isWait() {
    return wait;
  }

  /** Sets: do not exit after all compactions have been processed: repeat every wait interval. */
  public void setWait(boolean wait) {
    this.wait = wait;
  }

  /** Returns: wait interval between consecutive compaction runs and bucket refreshes (with --wait). */
  public Duration getWaitInterval() {
    return waitInterval;
  }

  /** Sets: wait interval between consecutive compaction runs and bucket refreshes (with --wait). */
  public void setWaitInterval(Duration waitInterval) {
    this.waitInterval = waitInterval;
  }

  /** Returns: disables downsampling. */
  public boolean isDownsamplingDisable() {
    return downsamplingDisable;
  }

  /** Sets: disables downsampling. */
  public void setDownsamplingDisable(boolean downsamplingDisable) {
    this.downsamplingDisable = downsamplingDisable;
  }

  /** Returns: number of goroutines (threads) to use when fetching block metadata from object storage. */
  public int getBlockMetaFetchConcurrency() {
    return blockMetaFetchConcurrency;
  }

  /** Sets: number of goroutines (threads) to use when fetching block metadata from object storage. */
  public void setBlockMetaFetchConcurrency(int blockMetaFetchConcurrency) {
    this.blockMetaFetchConcurrency = blockMetaFetchConcurrency;
  }

  /** Returns: number of concurrent file downloads/uploads per block. */
  public int getBlockFilesConcurrency() {
    return blockFilesConcurrency;
  }

  /** Sets: number of concurrent file downloads/uploads per block. */
  public void setBlockFilesConcurrency(int blockFilesConcurrency) {
    this.blockFilesConcurrency = blockFilesConcurrency;
  }

  /** Returns: number of groups compacted concurrently. */
  public int getCompactConcurrency() {
    return compactConcurrency;
  }

  /** Sets: number of groups compacted concurrently. */
  public void setCompactConcurrency(int compactConcurrency) {
    this.compactConcurrency = compactConcurrency;
  }

  /** Returns: number of blocks of a plan downloaded concurrently. */
  public int getCompactBlocksFetchConcurrency() {
    return compactBlocksFetchConcurrency;
  }

  /** Sets: number of blocks of a plan downloaded concurrently. */
  public void setCompactBlocksFetchConcurrency(int compactBlocksFetchConcurrency) {
    this.compactBlocksFetchConcurrency = compactBlocksFetchConcurrency;
  }

  /** Returns: number of blocks downsampled concurrently. */
  public int getDownsampleConcurrency() {
    return downsampleConcurrency;
  }

  /** Sets: number of blocks downsampled concurrently. */
  public void setDownsampleConcurrency(int downsampleConcurrency) {
    this.downsampleConcurrency = downsampleConcurrency;
  }

  /** Returns: how often blocks marked for deletion longer than the delete delay are deleted (with --wait); 0 disables the background cleaner. */
  public Duration getCleanupInterval() {
    return cleanupInterval;
  }

  /** Sets: how often blocks marked for deletion longer than the delete delay are deleted (with --wait); 0 disables the background cleaner. */
  public void setCleanupInterval(Duration cleanupInterval) {
    this.cleanupInterval = cleanupInterval;
  }

  /** Returns: how often the todo metrics (compactions, downsamples, deletions pending) are recomputed; 0 disables. */
  public Duration getProgressInterval() {
    return progressInterval;
  }

  /** Sets: how often the todo metrics (compactions, downsamples, deletions pending) are recomputed; 0 disables. */
  public void setProgressInterval(Duration progressInterval) {
    this.progressInterval = progressInterval;
  }

  /** Returns: time between a block being marked for deletion and its deletion; must exceed readers' ignore-deletion-marks-delay. */
  public Duration getDeleteDelay() {
    return deleteDelay;
  }

  /** Sets: time between a block being marked for deletion and its deletion; must exceed readers' ignore-deletion-marks-delay. */
  public void setDeleteDelay(Duration deleteDelay) {
    this.deleteDelay = deleteDelay;
  }

  /** Returns: offline deduplication of replica blocks: "" (one-to-one: identical samples merged) or "penalty" (the querier's penalty algorithm; needs a replica label). */
  public String getDeduplicationFunc() {
    return deduplicationFunc;
  }

  /** Sets: offline deduplication of replica blocks: "" (one-to-one: identical samples merged) or "penalty" (the querier's penalty algorithm; needs a replica label). */
  public void setDeduplicationFunc(String deduplicationFunc) {
    this.deduplicationFunc = deduplicationFunc;
  }

  /** Returns: external labels treating blocks as replicas that are merged into one (vertical compaction); irreversible. */
  public List<String> getDeduplicationReplicaLabel() {
    return deduplicationReplicaLabel;
  }

  /** Sets: external labels treating blocks as replicas that are merged into one (vertical compaction); irreversible. */
  public void setDeduplicationReplicaLabel(List<String> deduplicationReplicaLabel) {
    this.deduplicationReplicaLabel = deduplicationReplicaLabel;
  }

  /** Returns: only blocks newer than this (RFC 3339 or relative duration like -2w) are compacted. */
  public String getMinTime() {
    return minTime;
  }

  /** Sets: only blocks newer than this (RFC 3339 or relative duration like -2w) are compacted. */
  public void setMinTime(String minTime) {
    this.minTime = minTime;
  }

  /** Returns: only blocks older than this (RFC 3339 or relative duration) are compacted. */
  public String getMaxTime() {
    return maxTime;
  }

  /** Sets: only blocks older than this (RFC 3339 or relative duration) are compacted. */
  public void setMaxTime(String maxTime) {
    this.maxTime = maxTime;
  }

  /** Returns: path to a relabel configuration over blocks' external labels selecting the blocks this compactor owns. */
  public String getSelectorRelabelConfigFile() {
    return selectorRelabelConfigFile;
  }

  /** Sets: path to a relabel configuration over blocks' external labels selecting the blocks this compactor owns. */
  public void setSelectorRelabelConfigFile(String selectorRelabelConfigFile) {
    this.selectorRelabelConfigFile = selectorRelabelConfigFile;
  }

  /** Returns: inline relabel configuration selecting the blocks this compactor owns (alternative to the file). */
  public String getSelectorRelabelConfig() {
    return selectorRelabelConfig;
  }

  /** Sets: inline relabel configuration selecting the blocks this compactor owns (alternative to the file). */
  public void setSelectorRelabelConfig(String selectorRelabelConfig) {
    this.selectorRelabelConfig = selectorRelabelConfig;
  }

  /** Returns: halt (stay up doing nothing, thanos_compact_halted=1) on a halt error instead of exiting. */
  public boolean isHaltOnError() {
    return haltOnError;
  }

  /** Sets: halt (stay up doing nothing, thanos_compact_halted=1) on a halt error instead of exiting. */
  public void setHaltOnError(boolean haltOnError) {
    this.haltOnError = haltOnError;
  }

  /** Returns: compact overlapping blocks of a group (vertical compaction) instead of halting. */
  public boolean isEnableVerticalCompaction() {
    return enableVerticalCompaction;
  }

  /** Sets: compact overlapping blocks of a group (vertical compaction) instead of halting. */
  public void setEnableVerticalCompaction(boolean enableVerticalCompaction) {
    this.enableVerticalCompaction = enableVerticalCompaction;
  }

  /** Returns: maximum estimated index size of a compacted block; a plan above it gets its biggest block marked no-compact. */
  public String getBlockMaxIndexSize() {
    return blockMaxIndexSize;
  }

  /** Sets: maximum estimated index size of a compacted block; a plan above it gets its biggest block marked no-compact. */
  public void setBlockMaxIndexSize(String blockMaxIndexSize) {
    this.blockMaxIndexSize = blockMaxIndexSize;
  }

  /** Returns: maximum compaction level (ranges 2h, 8h, 2d, 14d for levels 1-4). */
  public int getMaxCompactionLevel() {
    return maxCompactionLevel;
  }

  /** Sets: maximum compaction level (ranges 2h, 8h, 2d, 14d for levels 1-4). */
  public void setMaxCompactionLevel(int maxCompactionLevel) {
    this.maxCompactionLevel = maxCompactionLevel;
  }

  /** Returns: mark blocks with out-of-order chunks no-compact instead of halting. */
  public boolean isSkipBlockWithOutOfOrderChunks() {
    return skipBlockWithOutOfOrderChunks;
  }

  /** Sets: mark blocks with out-of-order chunks no-compact instead of halting. */
  public void setSkipBlockWithOutOfOrderChunks(boolean skipBlockWithOutOfOrderChunks) {
    this.skipBlockWithOutOfOrderChunks = skipBlockWithOutOfOrderChunks;
  }

  /** Hash function recorded in meta.json for uploaded files: empty (none) or SHA256. */
  public String getHashFunc() {
    return hashFunc;
  }

  /** Sets the hash function recorded in meta.json for uploaded files: empty (none) or SHA256. */
  public void setHashFunc(String hashFunc) {
    this.hashFunc = hashFunc;
  }

  /** Validation hook: the hash function must be one Thanos knows. */
  @AssertTrue(message = "--hash-func must be \"\" or \"SHA256\"")
  public boolean isHashFuncValid() {
    return hashFunc == null || hashFunc.isEmpty() || hashFunc.equals("SHA256");
  }

  /** Returns: external label the block viewer groups blocks by. */
  public String getBucketWebLabel() {
    return bucketWebLabel;
  }

  /** Sets: external label the block viewer groups blocks by. */
  public void setBucketWebLabel(String bucketWebLabel) {
    this.bucketWebLabel = bucketWebLabel;
  }

  /** Returns: how often the block viewer's (and /api/v1/blocks') list of blocks is refreshed. */
  public Duration getBlockViewerSyncInterval() {
    return blockViewerSyncInterval;
  }

  /** Sets: how often the block viewer's (and /api/v1/blocks') list of blocks is refreshed. */
  public void setBlockViewerSyncInterval(Duration blockViewerSyncInterval) {
    this.blockViewerSyncInterval = blockViewerSyncInterval;
  }

}
