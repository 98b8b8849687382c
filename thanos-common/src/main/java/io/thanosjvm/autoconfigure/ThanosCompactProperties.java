package io.thanosjvm.autoconfigure;

import io.thanosjvm.cli.Flag;
import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.compact.CompactorSettings;
import io.thanosjvm.cacheutil.ByteSizes;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of {@code thanos compact} (the compactor), under {@code thanos.compact.*}. Each {@link Flag} field is the
 * one declaration of its flag; fields are named as the components of {@link CompactorSettings}, which
 * {@link SettingsMapper} builds from them.
 */
@ConfigurationProperties("thanos.compact")
@Validated
public class ThanosCompactProperties {

  /** Local directory blocks are downloaded to and compacted in (scratch space; may be wiped between runs). */
  @Flag(name = FlagNames.DATA_DIR)
  private String dataDir = "./data";

  /** The bucket (objstore flag group). */
  @NestedConfigurationProperty
  @Valid
  private final ObjstoreProperties objstore = new ObjstoreProperties();

  /**
   * Minimum age of a block (by upload time, else ULID time) before it is considered; blocks made by the compactor
   * are exempt.
   */
  @Flag(name = FlagNames.CONSISTENCY_DELAY)
  private Duration consistencyDelay = Duration.ofMinutes(30);

  /** How long raw (resolution 0) blocks are kept; 0 keeps them forever. */
  @Flag(name = FlagNames.RETENTION_RAW, defaultText = "0d")
  private Duration retentionRaw = Duration.ZERO;

  /** How long 5m-resolution blocks are kept; 0 keeps them forever. */
  @Flag(name = FlagNames.RETENTION_5M, defaultText = "0d")
  private Duration retention5m = Duration.ZERO;

  /** How long 1h-resolution blocks are kept; 0 keeps them forever. */
  @Flag(name = FlagNames.RETENTION_1H, defaultText = "0d")
  private Duration retention1h = Duration.ZERO;

  /** Do not exit after all compactions have been processed: repeat every wait interval. */
  @Flag(name = FlagNames.WAIT)
  private boolean wait = false;

  /** Wait interval between consecutive compaction runs and bucket refreshes (with --wait). */
  @Flag(name = FlagNames.WAIT_INTERVAL)
  private Duration waitInterval = Duration.ofMinutes(5);

  /** Disables downsampling. Not recommended: querying long time ranges without downsampled data is expensive. */
  @Flag(name = "downsampling.disable")
  private boolean downsamplingDisabled = false;

  /** Number of goroutines (threads) to use when fetching block metadata from object storage. */
  @Flag(name = FlagNames.BLOCK_META_FETCH_CONCURRENCY)
  private int metaFetchConcurrency = 32;

  /** Number of threads to use when fetching/uploading the files of one block from/to object storage. */
  @Flag(name = FlagNames.BLOCK_FILES_CONCURRENCY)
  private int blockFilesConcurrency = 1;

  /** Number of groups compacted concurrently. */
  @Flag(name = "compact.concurrency")
  private int compactConcurrency = 1;

  /** Number of threads to use when downloading the blocks of one compaction plan. */
  @Flag(name = "compact.blocks-fetch-concurrency")
  private int blocksFetchConcurrency = 1;

  /** Number of blocks downsampled concurrently. */
  @Flag(name = FlagNames.DOWNSAMPLE_CONCURRENCY)
  private int downsampleConcurrency = 1;

  /**
   * How often blocks marked for deletion longer than the delete delay are deleted (with --wait); 0 disables the
   * background cleaner.
   */
  @Flag(name = "compact.cleanup-interval")
  private Duration cleanupInterval = Duration.ofMinutes(5);

  /** How often the todo metrics (compactions, downsamples, deletions pending) are recomputed; 0 disables. */
  @Flag(name = "compact.progress-interval")
  private Duration progressInterval = Duration.ofMinutes(5);

  /**
   * Time between a block being marked for deletion and its deletion; must exceed readers' ignore-deletion-marks-
   * delay. 0 deletes immediately.
   */
  @Flag(name = FlagNames.DELETE_DELAY, defaultText = "48h")
  private Duration deleteDelay = Duration.ofHours(48);

  /**
   * Offline deduplication of replica blocks: "" (one-to-one: identical samples merged) or "penalty" (the querier's
   * penalty algorithm; needs a replica label).
   */
  @Flag(name = "deduplication.func")
  private String dedupFunc = "";

  /** External labels treating blocks as replicas that are merged into one (vertical compaction); irreversible. */
  @Flag(name = FlagNames.DEDUPLICATION_REPLICA_LABEL)
  private List<String> replicaLabels = new ArrayList<>();

  /** The time range of blocks worked on (min/max time flag group). */
  @NestedConfigurationProperty
  @Valid
  private final TimeRangeProperties timeRange = new TimeRangeProperties();

  /** The blocks this component owns (selector flag group). */
  @NestedConfigurationProperty
  @Valid
  private final RelabelSelectorProperties selector = new RelabelSelectorProperties();

  /** Halt (stay up doing nothing, thanos_compact_halted=1) on a halt error instead of exiting. */
  @Flag(name = "debug.halt-on-error")
  private boolean haltOnError = true;

  /** Compact overlapping blocks of a group (vertical compaction) instead of halting. */
  @Flag(name = FlagNames.COMPACT_ENABLE_VERTICAL_COMPACTION)
  private boolean verticalCompaction = false;

  /** Maximum estimated index size of a compacted block; a plan above it gets its biggest block marked no-compact. */
  @Flag(name = "compact.block-max-index-size")
  private String blockMaxIndexSize = "64GB";

  /** Maximum compaction level (ranges 2h, 8h, 2d, 14d for levels 1-4). */
  @Flag(name = "debug.max-compaction-level")
  private int maxCompactionLevel = 4;

  /** Mark blocks with out-of-order chunks no-compact instead of halting. */
  @Flag(name = FlagNames.COMPACT_SKIP_OUT_OF_ORDER_CHUNKS)
  private boolean skipOutOfOrderChunks = false;

  /**
   * Specify which hash function to use when calculating the hashes of produced files. If no function has been
   * specified, it does not happen. This permits avoiding downloading some files twice albeit at some performance
   * cost. Possible values are: "", "SHA256".
   */
  @Flag(name = FlagNames.HASH_FUNC)
  private String hashFunc = "";

  /** External label the block viewer groups blocks by. */
  @Flag(name = "bucket-web-label")
  private String bucketWebLabel = "";

  /** How often the block viewer's (and /api/v1/blocks') list of blocks is refreshed. */
  @Flag(name = "block-viewer.global.sync-block-interval")
  private Duration blockViewerSyncInterval = Duration.ofMinutes(1);

  public String getDataDir() {
    return dataDir;
  }

  public void setDataDir(String dataDir) {
    this.dataDir = dataDir;
  }

  public ObjstoreProperties getObjstore() {
    return objstore;
  }

  public Duration getConsistencyDelay() {
    return consistencyDelay;
  }

  public void setConsistencyDelay(Duration consistencyDelay) {
    this.consistencyDelay = consistencyDelay;
  }

  public Duration getRetentionRaw() {
    return retentionRaw;
  }

  public void setRetentionRaw(Duration retentionRaw) {
    this.retentionRaw = retentionRaw;
  }

  public Duration getRetention5m() {
    return retention5m;
  }

  public void setRetention5m(Duration retention5m) {
    this.retention5m = retention5m;
  }

  public Duration getRetention1h() {
    return retention1h;
  }

  public void setRetention1h(Duration retention1h) {
    this.retention1h = retention1h;
  }

  public boolean isWait() {
    return wait;
  }

  public void setWait(boolean wait) {
    this.wait = wait;
  }

  public Duration getWaitInterval() {
    return waitInterval;
  }

  public void setWaitInterval(Duration waitInterval) {
    this.waitInterval = waitInterval;
  }

  public boolean isDownsamplingDisabled() {
    return downsamplingDisabled;
  }

  public void setDownsamplingDisabled(boolean downsamplingDisabled) {
    this.downsamplingDisabled = downsamplingDisabled;
  }

  public int getMetaFetchConcurrency() {
    return metaFetchConcurrency;
  }

  public void setMetaFetchConcurrency(int metaFetchConcurrency) {
    this.metaFetchConcurrency = metaFetchConcurrency;
  }

  public int getBlockFilesConcurrency() {
    return blockFilesConcurrency;
  }

  public void setBlockFilesConcurrency(int blockFilesConcurrency) {
    this.blockFilesConcurrency = blockFilesConcurrency;
  }

  public int getCompactConcurrency() {
    return compactConcurrency;
  }

  public void setCompactConcurrency(int compactConcurrency) {
    this.compactConcurrency = compactConcurrency;
  }

  public int getBlocksFetchConcurrency() {
    return blocksFetchConcurrency;
  }

  public void setBlocksFetchConcurrency(int blocksFetchConcurrency) {
    this.blocksFetchConcurrency = blocksFetchConcurrency;
  }

  public int getDownsampleConcurrency() {
    return downsampleConcurrency;
  }

  public void setDownsampleConcurrency(int downsampleConcurrency) {
    this.downsampleConcurrency = downsampleConcurrency;
  }

  public Duration getCleanupInterval() {
    return cleanupInterval;
  }

  public void setCleanupInterval(Duration cleanupInterval) {
    this.cleanupInterval = cleanupInterval;
  }

  public Duration getProgressInterval() {
    return progressInterval;
  }

  public void setProgressInterval(Duration progressInterval) {
    this.progressInterval = progressInterval;
  }

  public Duration getDeleteDelay() {
    return deleteDelay;
  }

  public void setDeleteDelay(Duration deleteDelay) {
    this.deleteDelay = deleteDelay;
  }

  public String getDedupFunc() {
    return dedupFunc;
  }

  public void setDedupFunc(String dedupFunc) {
    this.dedupFunc = dedupFunc;
  }

  public List<String> getReplicaLabels() {
    return replicaLabels;
  }

  public void setReplicaLabels(List<String> replicaLabels) {
    this.replicaLabels = replicaLabels;
  }

  public TimeRangeProperties getTimeRange() {
    return timeRange;
  }

  public RelabelSelectorProperties getSelector() {
    return selector;
  }

  public boolean isHaltOnError() {
    return haltOnError;
  }

  public void setHaltOnError(boolean haltOnError) {
    this.haltOnError = haltOnError;
  }

  public boolean isVerticalCompaction() {
    return verticalCompaction;
  }

  public void setVerticalCompaction(boolean verticalCompaction) {
    this.verticalCompaction = verticalCompaction;
  }

  public String getBlockMaxIndexSize() {
    return blockMaxIndexSize;
  }

  public void setBlockMaxIndexSize(String blockMaxIndexSize) {
    this.blockMaxIndexSize = blockMaxIndexSize;
  }

  public int getMaxCompactionLevel() {
    return maxCompactionLevel;
  }

  public void setMaxCompactionLevel(int maxCompactionLevel) {
    this.maxCompactionLevel = maxCompactionLevel;
  }

  public boolean isSkipOutOfOrderChunks() {
    return skipOutOfOrderChunks;
  }

  public void setSkipOutOfOrderChunks(boolean skipOutOfOrderChunks) {
    this.skipOutOfOrderChunks = skipOutOfOrderChunks;
  }

  public String getHashFunc() {
    return hashFunc;
  }

  public void setHashFunc(String hashFunc) {
    this.hashFunc = hashFunc;
  }

  public String getBucketWebLabel() {
    return bucketWebLabel;
  }

  public void setBucketWebLabel(String bucketWebLabel) {
    this.bucketWebLabel = bucketWebLabel;
  }

  public Duration getBlockViewerSyncInterval() {
    return blockViewerSyncInterval;
  }

  public void setBlockViewerSyncInterval(Duration blockViewerSyncInterval) {
    this.blockViewerSyncInterval = blockViewerSyncInterval;
  }

  /** Validation hook: the hash function must be one Thanos knows. */
  @AssertTrue(message = "must be \"\" or \"SHA256\"")
  public boolean isHashFuncValid() {
    return hashFunc == null || hashFunc.isEmpty() || hashFunc.equals("SHA256");
  }

  /** {@link #getBlockMaxIndexSize()} in bytes ({@link CompactorSettings#blockMaxIndexSizeBytes()}). */
  public long blockMaxIndexSizeBytes() {
    try {
      return ByteSizes.parse(blockMaxIndexSize);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("thanos.compact.block-max-index-size: " + e.getMessage(), e);
    }
  }
}
