package io.thanosjvm.compact;

import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.block.HashFunc;
import io.thanosjvm.block.TransferOptions;
import io.thanosjvm.relabel.RelabelConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@link BucketCompactor} needs from the {@code thanos compact} flags, validated as Thanos validates
 * them at start-up (so a bad combination is refused before any block is touched).
 *
 * @param dataDir {@code --data-dir}: working directory; compaction uses {@code <dataDir>/compact}, downsampling
 *     {@code <dataDir>/downsample}
 * @param consistencyDelay {@code --consistency-delay} (30m): blocks younger than this are not touched
 * @param retentionRaw {@code --retention.resolution-raw}; zero keeps raw blocks forever
 * @param retention5m {@code --retention.resolution-5m}; zero keeps 5m blocks forever
 * @param retention1h {@code --retention.resolution-1h}; zero keeps 1h blocks forever
 * @param downsamplingDisabled {@code --downsampling.disable}
 * @param compactConcurrency {@code --compact.concurrency}: groups compacted in parallel
 * @param downsampleConcurrency {@code --downsample.concurrency}: blocks downsampled in parallel
 * @param deleteDelay {@code --delete-delay} (48h): age of a deletion mark before the block is deleted
 * @param replicaLabels {@code --deduplication.replica-label}: removed before grouping (enables vertical compaction)
 * @param dedupFunc {@code --deduplication.func}: {@code ""} (one-to-one) or {@code penalty}
 * @param verticalCompaction {@code --compact.enable-vertical-compaction}
 * @param blockMaxIndexSizeBytes {@code --compact.block-max-index-size}; 0 disables the guard
 * @param maxCompactionLevel {@code --debug.max-compaction-level} (1 to 4)
 * @param minTime {@code --min-time} in ms: blocks ending before it are ignored
 * @param maxTime {@code --max-time} in ms: blocks starting after it are ignored
 * @param relabelConfigs {@code --selector.relabel-config}: block sharding by external labels and {@code __block_id}
 * @param haltOnError {@code --debug.halt-on-error} (true): a halt error stops compaction but keeps the process up;
 *     when false {@link BucketCompactor#runIteration()} rethrows it so the process exits
 * @param metaFetchConcurrency {@code --block-meta-fetch-concurrency} (32)
 * @param skipOutOfOrderChunks {@code --compact.skip-block-with-out-of-order-chunks}: a planned block whose index has
 *     out-of-order or overlapping chunks is marked no-compact (reason {@code block-index-out-of-order-chunk})
 *     instead of halting the compactor
 * @param blocksFetchConcurrency {@code --compact.blocks-fetch-concurrency} (1): blocks of one plan downloaded at
 *     the same time
 * @param blockFilesConcurrency {@code --block-files-concurrency} (1): files of one block downloaded or uploaded at
 *     the same time
 * @param hashFunc {@code --hash-func}: hash recorded in meta.json for the files of produced blocks
 */
public record CompactorSettings(Path dataDir, Duration consistencyDelay, Duration retentionRaw,
    Duration retention5m, Duration retention1h, boolean downsamplingDisabled, int compactConcurrency,
    int downsampleConcurrency, Duration deleteDelay, List<String> replicaLabels, String dedupFunc,
    boolean verticalCompaction, long blockMaxIndexSizeBytes, int maxCompactionLevel, long minTime, long maxTime,
    List<RelabelConfig> relabelConfigs, boolean haltOnError, int metaFetchConcurrency,
    boolean skipOutOfOrderChunks, int blocksFetchConcurrency, int blockFilesConcurrency, HashFunc hashFunc) {

  /** The penalty deduplication function name. */
  public static final String DEDUP_PENALTY = "penalty";

  /** Span a raw block needs before it is downsampled to 5m (40h), {@code ResLevel1DownsampleRange}. */
  public static final long RAW_DOWNSAMPLE_RANGE_MS = 40 * 3_600_000L;

  /** Span a 5m block needs before it is downsampled to 1h (10 days), {@code ResLevel2DownsampleRange}. */
  public static final long FIVE_MIN_DOWNSAMPLE_RANGE_MS = 10 * 24 * 3_600_000L;

  /** Validates the settings the way {@code thanos compact} does at start-up and freezes the lists. */
  public CompactorSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    requireNonNegative("consistency delay", consistencyDelay);
    requireNonNegative("raw retention", retentionRaw);
    requireNonNegative("5m retention", retention5m);
    requireNonNegative("1h retention", retention1h);
    requireNonNegative("delete delay", deleteDelay);
    replicaLabels = List.copyOf(replicaLabels);
    relabelConfigs = List.copyOf(relabelConfigs);
    dedupFunc = dedupFunc == null ? "" : dedupFunc;
    if (compactConcurrency <= 0) {
      throw new IllegalArgumentException("invalid concurrency level (" + compactConcurrency
          + "), concurrency level must be > 0");
    }
    if (downsampleConcurrency <= 0) {
      throw new IllegalArgumentException("invalid downsample concurrency level (" + downsampleConcurrency
          + "), concurrency level must be > 0");
    }
    if (blocksFetchConcurrency <= 0) {
      throw new IllegalArgumentException("blocks fetch concurrency must be > 0, got " + blocksFetchConcurrency);
    }
    Objects.requireNonNull(hashFunc, "hashFunc");
    if (blockFilesConcurrency <= 0) {
      throw new IllegalArgumentException("block files concurrency must be > 0, got " + blockFilesConcurrency);
    }
    if (metaFetchConcurrency <= 0) {
      throw new IllegalArgumentException("block meta fetch concurrency must be > 0, got " + metaFetchConcurrency);
    }
    if (blockMaxIndexSizeBytes < 0) {
      throw new IllegalArgumentException("negative block max index size " + blockMaxIndexSizeBytes);
    }
    if (maxCompactionLevel < 1 || maxCompactionLevel > PlannerConfig.LEVELS.size() - 1) {
      throw new IllegalArgumentException("max compaction level must be between 1 and "
          + (PlannerConfig.LEVELS.size() - 1) + ", got " + maxCompactionLevel);
    }
    if (minTime > maxTime) {
      throw new IllegalArgumentException("min time " + minTime + " is after max time " + maxTime);
    }
    if (!dedupFunc.isEmpty() && !dedupFunc.equals(DEDUP_PENALTY)) {
      throw new IllegalArgumentException("unsupported deduplication func, got " + dedupFunc);
    }
    if (dedupFunc.equals(DEDUP_PENALTY) && replicaLabels.isEmpty()) {
      throw new IllegalArgumentException(
          "penalty based deduplication needs at least one replica label (--"
              + FlagNames.DEDUPLICATION_REPLICA_LABEL + ")");
    }
    if (!downsamplingDisabled && !retentionRaw.isZero() && retentionRaw.toMillis() < RAW_DOWNSAMPLE_RANGE_MS) {
      throw new IllegalArgumentException("raw resolution must be higher than the minimum block size after which"
          + " 5m resolution downsampling will occur (40 hours)");
    }
    if (!downsamplingDisabled && !retention5m.isZero() && retention5m.toMillis() < FIVE_MIN_DOWNSAMPLE_RANGE_MS) {
      throw new IllegalArgumentException("5m resolution retention must be higher than the minimum block size after"
          + " which 1h resolution downsampling will occur (10 days)");
    }
  }

  private static void requireNonNegative(String what, Duration d) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new IllegalArgumentException("negative " + what + " " + d);
    }
  }

  /** How produced blocks are downloaded and uploaded. */
  public TransferOptions transferOptions() {
    return new TransferOptions(blockFilesConcurrency, hashFunc);
  }

  /** Settings with Thanos' flag defaults, working in {@code dataDir}. */
  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  /** Whether overlapping blocks are merged: vertical compaction on, or any replica label configured. */
  public boolean verticalCompactionEnabled() {
    return verticalCompaction || !replicaLabels.isEmpty();
  }

  /** The planner configuration these flags give. */
  public PlannerConfig plannerConfig() {
    return PlannerConfig.fromFlags(verticalCompaction, replicaLabels, maxCompactionLevel, blockMaxIndexSizeBytes);
  }

  /** The retention of blocks of a downsampling resolution (ms); zero means forever. */
  public Duration retention(long resolution) {
    if (resolution == 0) {
      return retentionRaw;
    }
    return resolution == 300_000L ? retention5m : retention1h;
  }

  /** Compaction working directory {@code <dataDir>/compact}. */
  public Path compactDir() {
    return dataDir.resolve("compact");
  }

  /** Downsampling working directory {@code <dataDir>/downsample}. */
  public Path downsampleDir() {
    return dataDir.resolve("downsample");
  }

  /** Mutable builder starting from Thanos' defaults. */
  public static final class Builder {
    private final Path dataDir;
    private Duration consistencyDelay = Duration.ofMinutes(30);
    private Duration retentionRaw = Duration.ZERO;
    private Duration retention5m = Duration.ZERO;
    private Duration retention1h = Duration.ZERO;
    private boolean downsamplingDisabled;
    private int compactConcurrency = 1;
    private int downsampleConcurrency = 1;
    private Duration deleteDelay = Duration.ofHours(48);
    private List<String> replicaLabels = List.of();
    private String dedupFunc = "";
    private boolean verticalCompaction;
    private long blockMaxIndexSizeBytes = PlannerConfig.DEFAULT_MAX_INDEX_SIZE_BYTES;
    private int maxCompactionLevel = PlannerConfig.LEVELS.size() - 1;
    private long minTime = Long.MIN_VALUE;
    private long maxTime = Long.MAX_VALUE;
    private List<RelabelConfig> relabelConfigs = List.of();
    private boolean haltOnError = true;
    private int metaFetchConcurrency = 32;
    private boolean skipOutOfOrderChunks;
    private int blocksFetchConcurrency = 1;
    private int blockFilesConcurrency = 1;
    private HashFunc hashFunc = HashFunc.NONE;

    private Builder(Path dataDir) {
      this.dataDir = dataDir;
    }

    /** Sets {@code --consistency-delay}. */
    public Builder consistencyDelay(Duration d) {
      this.consistencyDelay = d;
      return this;
    }

    /** Sets the three retentions (raw, 5m, 1h). */
    public Builder retention(Duration raw, Duration fiveMin, Duration oneHour) {
      this.retentionRaw = raw;
      this.retention5m = fiveMin;
      this.retention1h = oneHour;
      return this;
    }

    /** Sets {@code --downsampling.disable}. */
    public Builder downsamplingDisabled(boolean disabled) {
      this.downsamplingDisabled = disabled;
      return this;
    }

    /** Sets {@code --compact.concurrency} and {@code --downsample.concurrency}. */
    public Builder concurrency(int compact, int downsample) {
      this.compactConcurrency = compact;
      this.downsampleConcurrency = downsample;
      return this;
    }

    /** Sets {@code --delete-delay}. */
    public Builder deleteDelay(Duration d) {
      this.deleteDelay = d;
      return this;
    }

    /** Sets {@code --deduplication.replica-label} and {@code --deduplication.func}. */
    public Builder deduplication(List<String> labels, String func) {
      this.replicaLabels = labels;
      this.dedupFunc = func;
      return this;
    }

    /** Sets {@code --compact.enable-vertical-compaction}. */
    public Builder verticalCompaction(boolean enabled) {
      this.verticalCompaction = enabled;
      return this;
    }

    /** Sets {@code --compact.block-max-index-size} in bytes. */
    public Builder blockMaxIndexSizeBytes(long bytes) {
      this.blockMaxIndexSizeBytes = bytes;
      return this;
    }

    /** Sets {@code --debug.max-compaction-level}. */
    public Builder maxCompactionLevel(int level) {
      this.maxCompactionLevel = level;
      return this;
    }

    /** Sets {@code --min-time} and {@code --max-time} (ms). */
    public Builder timeRange(long min, long max) {
      this.minTime = min;
      this.maxTime = max;
      return this;
    }

    /** Sets {@code --selector.relabel-config}. */
    public Builder relabelConfigs(List<RelabelConfig> configs) {
      this.relabelConfigs = configs;
      return this;
    }

    /** Sets {@code --debug.halt-on-error}. */
    public Builder haltOnError(boolean halt) {
      this.haltOnError = halt;
      return this;
    }

    /** Sets {@code --block-meta-fetch-concurrency}. */
    public Builder metaFetchConcurrency(int concurrency) {
      this.metaFetchConcurrency = concurrency;
      return this;
    }

    /** Sets {@code --compact.skip-block-with-out-of-order-chunks}. */
    public Builder skipOutOfOrderChunks(boolean skip) {
      this.skipOutOfOrderChunks = skip;
      return this;
    }

    /** Sets {@code --compact.blocks-fetch-concurrency} and {@code --block-files-concurrency}. */
    public Builder transferConcurrency(int blocksFetch, int blockFiles) {
      this.blocksFetchConcurrency = blocksFetch;
      this.blockFilesConcurrency = blockFiles;
      return this;
    }

    /** Sets {@code --hash-func}. */
    public Builder hashFunc(HashFunc f) {
      this.hashFunc = f;
      return this;
    }

    /** Validates and builds the settings. */
    public CompactorSettings build() {
      return new CompactorSettings(dataDir, consistencyDelay, retentionRaw, retention5m, retention1h,
          downsamplingDisabled, compactConcurrency, downsampleConcurrency, deleteDelay, replicaLabels, dedupFunc,
          verticalCompaction, blockMaxIndexSizeBytes, maxCompactionLevel, minTime, maxTime, relabelConfigs,
          haltOnError, metaFetchConcurrency, skipOutOfOrderChunks, blocksFetchConcurrency, blockFilesConcurrency,
          hashFunc);
    }
  }
}
