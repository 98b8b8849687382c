package io.thanosjvm.compact;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.block.metadata.MarkerKind;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The compactor's metrics under Thanos' names (Micrometer counter names omit {@code _total}; the Prometheus
 * registry appends it): {@code thanos_compact_halted}, {@code _iterations_total}, {@code _retries_total},
 * {@code _group_compactions_total{resolution}}, {@code _group_compaction_runs_started_total{resolution}},
 * {@code _group_compaction_runs_completed_total{resolution}}, {@code _group_compactions_failures_total{resolution}},
 * {@code _group_vertical_compactions_total{resolution}}, {@code _downsample_total{group}},
 * {@code _downsample_failures_total{group}}, {@code _blocks_marked_total{marker,reason}},
 * {@code _garbage_collected_blocks_total}, {@code _aborted_partial_uploads_deletion_attempts_total},
 * {@code _blocks_cleaned_total}, {@code _block_cleanup_failures_total}, {@code _block_cleanup_loops_total},
 * gauges {@code thanos_compact_todo_compactions}, {@code _todo_compaction_blocks}, {@code _todo_downsample_blocks},
 * {@code _todo_deletion_blocks} and {@code thanos_delete_delay_seconds}. The {@code resolution} label is the
 * resolution in milliseconds, the {@code group} label the group key.
 */
public final class CompactorMetrics {

  private final MeterRegistry registry;
  private final AtomicLong halted = new AtomicLong();
  private final AtomicLong todoCompactions = new AtomicLong();
  private final AtomicLong todoCompactionBlocks = new AtomicLong();
  private final AtomicLong todoDownsampleBlocks = new AtomicLong();
  private final AtomicLong todoDeletionBlocks = new AtomicLong();
  private final Counter iterations;
  private final Counter retries;
  private final Counter garbageCollected;
  private final Counter partialDeletionAttempts;
  private final Counter blocksCleaned;
  private final Counter cleanupFailures;
  private final Counter cleanupLoops;

  /**
   * Registers the meters.
   *
   * @param registry where the meters go
   * @param deleteDelay the configured {@code --delete-delay}, exported as {@code thanos_delete_delay_seconds}
   */
  public CompactorMetrics(MeterRegistry registry, Duration deleteDelay) {
    this.registry = Objects.requireNonNull(registry, "registry");
    gauge("thanos_compact_halted", "Set to 1 if the compactor halted due to an unexpected error.", halted);
    gauge("thanos_compact_todo_compactions", "number of compactions to be done", todoCompactions);
    gauge("thanos_compact_todo_compaction_blocks", "number of blocks planned to be compacted", todoCompactionBlocks);
    gauge("thanos_compact_todo_downsample_blocks", "number of blocks to be downsampled", todoDownsampleBlocks);
    gauge("thanos_compact_todo_deletion_blocks", "number of blocks that have crossed their retention period",
        todoDeletionBlocks);
    double delaySeconds = deleteDelay.toMillis() / 1000.0;
    Gauge.builder("thanos_delete_delay_seconds", () -> delaySeconds).description("Configured delete delay in seconds.")
        .register(registry);
    iterations = counter("thanos_compact_iterations", "Total number of iterations that were executed successfully.");
    retries = counter("thanos_compact_retries", "Total number of retries after retriable compactor error.");
    garbageCollected = counter("thanos_compact_garbage_collected_blocks",
        "Total number of blocks marked for deletion by compactor.");
    partialDeletionAttempts = counter("thanos_compact_aborted_partial_uploads_deletion_attempts",
        "Total number of started deletions of blocks that are assumed aborted and only partially uploaded.");
    blocksCleaned = counter("thanos_compact_blocks_cleaned", "Total number of blocks deleted in compactor.");
    cleanupFailures = counter("thanos_compact_block_cleanup_failures",
        "Failures encountered while deleting blocks in compactor.");
    cleanupLoops = counter("thanos_compact_block_cleanup_loops", "Total number of concurrent cleanup loops of"
        + " partially uploaded blocks and marked blocks that were executed successfully.");
    // Thanos pre-creates these series so they show up as 0 before the first mark.
    blockMarked(MarkerKind.DELETION, "", 0);
    blockMarked(MarkerKind.NO_COMPACT, NoCompactRequest.INDEX_SIZE_EXCEEDING, 0);
  }

  private void gauge(String name, String help, AtomicLong value) {
    Gauge.builder(name, value, AtomicLong::get).description(help).register(registry);
  }

  private Counter counter(String name, String help) {
    return Counter.builder(name).description(help).register(registry);
  }

  private Counter counter(String name, String help, String tag, String value) {
    return Counter.builder(name).description(help).tag(tag, value).register(registry);
  }

  /** Sets {@code thanos_compact_halted}. */
  public void setHalted(boolean value) {
    halted.set(value ? 1 : 0);
  }

  /** The current {@code thanos_compact_halted} value. */
  public long halted() {
    return halted.get();
  }

  /** Counts a successful iteration. */
  public void iterationSucceeded() {
    iterations.increment();
  }

  /** Counts an iteration that failed with a retriable error. */
  public void retried() {
    retries.increment();
  }

  /** Counts a group compaction run started for a resolution. */
  public void compactionRunStarted(long resolution) {
    counter("thanos_compact_group_compaction_runs_started", "Total number of group compaction attempts.",
        "resolution", Long.toString(resolution)).increment();
  }

  /** Counts a group compaction run completed (with or without a new block). */
  public void compactionRunCompleted(long resolution) {
    counter("thanos_compact_group_compaction_runs_completed", "Total number of group completed compaction runs."
        + " This also includes compactor group runs that resulted with no compaction.",
        "resolution", Long.toString(resolution)).increment();
  }

  /** Counts a failed group compaction run. */
  public void compactionFailed(long resolution) {
    counter("thanos_compact_group_compactions_failures", "Total number of failed group compactions.",
        "resolution", Long.toString(resolution)).increment();
  }

  /** Counts a group compaction that produced a block, and whether its inputs overlapped. */
  public void compacted(long resolution, boolean vertical) {
    counter("thanos_compact_group_compactions", "Total number of group compaction attempts that resulted in a new"
        + " block.", "resolution", Long.toString(resolution)).increment();
    Counter v = counter("thanos_compact_group_vertical_compactions", "Total number of group compaction attempts"
        + " that resulted in a new block based on overlapping blocks.", "resolution", Long.toString(resolution));
    if (vertical) {
      v.increment();
    }
  }

  /** Counts a downsampling attempt of a block of group {@code groupKey}, and whether it failed. */
  public void downsampled(String groupKey, boolean failed) {
    counter("thanos_compact_downsample", "Total number of downsampling attempts.", "group", groupKey).increment();
    Counter f = counter("thanos_compact_downsample_failures", "Total number of failed downsampling attempts.",
        "group", groupKey);
    if (failed) {
      f.increment();
    }
  }

  /** Counts {@code n} marks written, labelled with the marker file name and reason. */
  public void blockMarked(MarkerKind kind, String reason, int n) {
    Counter c = Counter.builder("thanos_compact_blocks_marked").description("Total number of blocks marked in"
        + " compactor.").tag("marker", kind.fileName()).tag("reason", reason).register(registry);
    c.increment(n);
  }

  /** Counts a block marked for deletion because another block supersedes it. */
  public void garbageCollected() {
    garbageCollected.increment();
  }

  /** Counts a started deletion of an aborted partial upload. */
  public void partialUploadDeletionAttempt() {
    partialDeletionAttempts.increment();
  }

  /** Counts a block deleted from the bucket. */
  public void blockCleaned() {
    blocksCleaned.increment();
  }

  /** Counts a failed block deletion. */
  public void blockCleanupFailed() {
    cleanupFailures.increment();
  }

  /** Counts a completed cleanup loop. */
  public void cleanupLoopDone() {
    cleanupLoops.increment();
  }

  /** Sets the progress gauges computed from the current plan. */
  public void setProgress(Progress progress) {
    todoCompactions.set(progress.compactions());
    todoCompactionBlocks.set(progress.compactionBlocks());
    todoDownsampleBlocks.set(progress.downsampleBlocks());
    todoDeletionBlocks.set(progress.deletionBlocks());
  }

  /**
   * The work still to do, computed from metas without doing it.
   *
   * @param compactions compaction runs planned
   * @param compactionBlocks blocks those runs consume
   * @param downsampleBlocks blocks due for downsampling
   * @param deletionBlocks blocks past their retention
   */
  public record Progress(long compactions, long compactionBlocks, long downsampleBlocks, long deletionBlocks) {}
}
