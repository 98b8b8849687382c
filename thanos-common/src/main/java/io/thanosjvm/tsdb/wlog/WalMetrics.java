package io.thanosjvm.tsdb.wlog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prometheus 2.42's WAL and checkpoint meters, by their Prometheus names (Micrometer names without
 * {@code _total}/{@code _seconds}; the Prometheus registry appends them): counters
 * {@code prometheus_tsdb_wal_page_flushes_total}, {@code _completed_pages_total}, {@code _truncations_total},
 * {@code _truncations_failed_total}, {@code _writes_failed_total}, {@code _corruptions_total},
 * {@code prometheus_tsdb_checkpoint_creations_total}, {@code _creations_failed_total}, {@code _deletions_total},
 * {@code _deletions_failed_total}; summaries {@code prometheus_tsdb_wal_fsync_duration_seconds} and
 * {@code prometheus_tsdb_wal_truncate_duration_seconds}; gauge {@code prometheus_tsdb_wal_segment_current}.
 * One instance per WAL and registry.
 */
public final class WalMetrics {

  private final MeterRegistry registry;
  private final Counter pageFlushes;
  private final Counter completedPages;
  private final Counter truncations;
  private final Counter truncationsFailed;
  private final Counter writesFailed;
  private final Counter corruptions;
  private final Counter checkpointCreations;
  private final Counter checkpointCreationsFailed;
  private final Counter checkpointDeletions;
  private final Counter checkpointDeletionsFailed;
  private final Timer fsyncDuration;
  private final Timer truncateDuration;
  private final AtomicInteger segmentCurrent = new AtomicInteger();

  /** Registers the meters in {@code registry}. */
  public WalMetrics(MeterRegistry registry) {
    this.registry = registry;
    pageFlushes = counter("prometheus_tsdb_wal_page_flushes", "Total number of page flushes.");
    completedPages = counter("prometheus_tsdb_wal_completed_pages", "Total number of completed pages.");
    truncations = counter("prometheus_tsdb_wal_truncations", "Total number of write log truncations attempted.");
    truncationsFailed = counter("prometheus_tsdb_wal_truncations_failed",
        "Total number of write log truncations that failed.");
    writesFailed = counter("prometheus_tsdb_wal_writes_failed", "Total number of write log writes that failed.");
    corruptions = counter("prometheus_tsdb_wal_corruptions", "Total number of WAL corruptions.");
    checkpointCreations = counter("prometheus_tsdb_checkpoint_creations",
        "Total number of checkpoint creations attempted.");
    checkpointCreationsFailed = counter("prometheus_tsdb_checkpoint_creations_failed",
        "Total number of checkpoint creations that failed.");
    checkpointDeletions = counter("prometheus_tsdb_checkpoint_deletions",
        "Total number of checkpoint deletions attempted.");
    checkpointDeletionsFailed = counter("prometheus_tsdb_checkpoint_deletions_failed",
        "Total number of checkpoint deletions that failed.");
    fsyncDuration = Timer.builder("prometheus_tsdb_wal_fsync_duration").description("Duration of write log fsync.")
        .publishPercentiles(0.5, 0.9, 0.99).register(registry);
    truncateDuration = Timer.builder("prometheus_tsdb_wal_truncate_duration")
        .description("Duration of WAL truncation.").register(registry);
    Gauge.builder("prometheus_tsdb_wal_segment_current", segmentCurrent, AtomicInteger::get)
        .description("Write log segment index that TSDB is currently writing to.").register(registry);
  }

  /**
   * Meters in a private registry nobody scrapes (they still count), e.g. for the writer of a checkpoint, as
   * Prometheus passes no registry there.
   */
  public static WalMetrics unregistered() {
    return new WalMetrics(new SimpleMeterRegistry());
  }

  private Counter counter(String name, String help) {
    return Counter.builder(name).description(help).register(registry);
  }

  void pageFlushed() {
    pageFlushes.increment();
  }

  void pageCompleted() {
    completedPages.increment();
  }

  void writeFailed() {
    writesFailed.increment();
  }

  void truncation(long nanos, boolean failed) {
    truncations.increment();
    if (failed) {
      truncationsFailed.increment();
    }
    truncateDuration.record(nanos, TimeUnit.NANOSECONDS);
  }

  void fsync(long nanos) {
    fsyncDuration.record(nanos, TimeUnit.NANOSECONDS);
  }

  void segment(int index) {
    segmentCurrent.set(index);
  }

  /** Counts a WAL corruption (found at open, by a replay handing it to repair, or in a checkpoint's input). */
  public void corruption() {
    corruptions.increment();
  }

  void checkpointCreation(boolean failed) {
    checkpointCreations.increment();
    if (failed) {
      checkpointCreationsFailed.increment();
    }
  }

  void checkpointDeletion(boolean failed) {
    checkpointDeletions.increment();
    if (failed) {
      checkpointDeletionsFailed.increment();
    }
  }

  /** The monotonic clock of the registry, for durations. */
  long monotonicNanos() {
    return registry.config().clock().monotonicTime();
  }

  /** WAL corruptions counted so far. */
  public long corruptionsTotal() {
    return (long) corruptions.count();
  }

  /** Completed (zero-padded and written) pages so far. */
  public long completedPagesTotal() {
    return (long) completedPages.count();
  }

  /** Page flushes so far. */
  public long pageFlushesTotal() {
    return (long) pageFlushes.count();
  }

  /** Checkpoints created so far (attempts). */
  public long checkpointCreationsTotal() {
    return (long) checkpointCreations.count();
  }

  /** The segment currently written. */
  public int segmentCurrent() {
    return segmentCurrent.get();
  }
}
