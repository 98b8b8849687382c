package io.thanosjvm.autoconfigure;

import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.compact.BucketCompactor;
import io.thanosjvm.compact.HaltException;
import io.thanosjvm.compact.IterationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Runs the compactor, as {@code cmd/thanos/compact.go} does. With {@code --wait}: an iteration every
 * {@code --wait-interval} (the next starts an interval after the previous finished; a halted compactor stays up
 * doing nothing), the deletion cleaner every {@code --compact.cleanup-interval} and the todo metrics every
 * {@code --compact.progress-interval}. Without it: one iteration (which ends with a cleanup) whose outcome is the
 * process exit code.
 */
public final class CompactorRunner implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(CompactorRunner.class);

  private final BucketCompactor compactor;
  private final TaskScheduler scheduler;
  private final boolean continuous;
  private final Duration waitInterval;
  private final Duration cleanupInterval;
  private final Duration progressInterval;
  private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
  private volatile boolean running;

  public CompactorRunner(BucketCompactor compactor, TaskScheduler scheduler, boolean continuous, Duration waitInterval,
      Duration cleanupInterval, Duration progressInterval) {
    if (continuous && !positive(waitInterval)) {
      throw new IllegalArgumentException("--" + FlagNames.WAIT_INTERVAL + " must be positive with --" + FlagNames.WAIT + ", got " + waitInterval);
    }
    this.compactor = compactor;
    this.scheduler = scheduler;
    this.continuous = continuous;
    this.waitInterval = waitInterval;
    this.cleanupInterval = cleanupInterval;
    this.progressInterval = progressInterval;
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }

  /** Whether the compactor keeps running ({@code --wait}). */
  public boolean continuous() {
    return continuous;
  }

  /**
   * One iteration (the mode without {@code --wait}).
   *
   * @return the exit code: 0 when compaction, downsampling, retention and cleanup all succeeded, 1 otherwise
   */
  public int runOnce() {
    try {
      IterationResult r = compactor.runIteration();
      LOG.info("compaction run finished: outcome={} compactions={} downsampled={} retention_marked={}"
          + " deleted={}", r.outcome(), r.compactions(), r.downsampled(), r.retentionMarked(), r.deleted());
      return r.outcome() == IterationResult.Outcome.COMPLETED ? 0 : 1;
    } catch (HaltException e) {
      LOG.error("compactor halted (--no-debug.halt-on-error): exiting: err={}", e.getMessage());
      return 1;
    }
  }

  private void iterate() {
    if (compactor.halted()) {
      return;
    }
    try {
      IterationResult r = compactor.runIteration();
      LOG.info("compaction iteration finished: outcome={} compactions={} downsampled={} retention_marked={}"
          + " deleted={}", r.outcome(), r.compactions(), r.downsampled(), r.retentionMarked(), r.deleted());
    } catch (HaltException e) {
      // --no-debug.halt-on-error: Thanos exits instead of staying up halted
      LOG.error("compactor halted and --no-debug.halt-on-error is set: exiting: err={}", e.getMessage());
      new Thread(() -> System.exit(1), "compactor-exit").start();
    }
  }

  private void cleanUp() {
    try {
      compactor.cleanUp();
    } catch (Exception e) {
      LOG.error("block cleanup failed; retrying after the cleanup interval: err={}", e.toString());
    }
  }

  private void progress() {
    try {
      compactor.updateProgress();
    } catch (Exception e) {
      LOG.warn("progress calculation failed: err={}", e.toString());
    }
  }

  @Override
  public synchronized void start() {
    running = true;
    if (!continuous) {
      return;
    }
    tasks.add(scheduler.scheduleWithFixedDelay(this::iterate, waitInterval));
    if (positive(cleanupInterval)) {
      tasks.add(scheduler.scheduleWithFixedDelay(this::cleanUp, cleanupInterval));
    }
    if (positive(progressInterval)) {
      tasks.add(scheduler.scheduleWithFixedDelay(this::progress, progressInterval));
    }
  }

  @Override
  public synchronized void stop() {
    running = false;
    tasks.forEach(t -> t.cancel(true));
    tasks.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
