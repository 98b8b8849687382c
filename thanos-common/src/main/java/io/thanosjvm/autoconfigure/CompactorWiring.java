package io.thanosjvm.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.compact.BlockCompactor;
import io.thanosjvm.compact.BlockViewer;
import io.thanosjvm.compact.BucketCompactor;
import io.thanosjvm.compact.CompactorSettings;
import io.thanosjvm.compact.merge.DedupMode;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The one wiring of the compactor from {@link ThanosCompactProperties}, shared by {@code thanos compact} and the
 * all-in-one: bucket, settings (validated as Thanos validates its flags), the bucket compactor with the streaming
 * block compactor, its scheduler and runner, the block viewer and the halt health detail.
 */
public final class CompactorWiring {

  private static final String PREFIX = "thanos.compact";

  /** Health status of a halted compactor: shown in the health details; readiness stays up, as in Thanos. */
  public static final Status HALTED = new Status("HALTED", "compaction halted: see the log line naming the blocks");

  private CompactorWiring() {}

  /** The bucket of {@code --objstore.config(-file)}. */
  public static Bucket bucket(ThanosCompactProperties props, MeterRegistry meters, Clock clock) throws IOException {
    return BucketFactory.create(props.getObjstore().require(PREFIX), meters, clock);
  }

  /** The settings, derived from the properties by name (relative min/max times resolved against the clock). */
  public static CompactorSettings settings(ThanosCompactProperties p, Clock clock) {
    return settings(p, Path.of(p.getDataDir()), clock);
  }

  /** The settings working in {@code dataDir}. */
  public static CompactorSettings settings(ThanosCompactProperties p, Path dataDir, Clock clock) {
    return SettingsMapper.map(p, CompactorSettings.class, PREFIX, Map.of("dataDir", dataDir,
        "minTime", p.getTimeRange().minTimeMillis(clock), "maxTime", p.getTimeRange().maxTimeMillis(clock)));
  }

  /** The bucket compactor, deduplicating as {@code --deduplication.func} says. */
  public static BucketCompactor bucketCompactor(Bucket bucket, CompactorSettings settings, Clock clock,
      MeterRegistry meters) {
    DedupMode mode = settings.dedupFunc().equals(CompactorSettings.DEDUP_PENALTY) ? DedupMode.PENALTY
        : DedupMode.ONE_TO_ONE;
    return new BucketCompactor(bucket, settings, new BlockCompactor(mode), clock, meters);
  }

  /** The scheduler of the iterations, the cleaner, the progress metrics and the block viewer. */
  public static ThreadPoolTaskScheduler scheduler() {
    ThreadPoolTaskScheduler s = new ThreadPoolTaskScheduler();
    s.setPoolSize(3);
    s.setThreadNamePrefix("compactor-");
    s.setWaitForTasksToCompleteOnShutdown(false);
    s.initialize();
    return s;
  }

  /** The runner: continuous (on {@code --wait-interval}) or one run. */
  public static CompactorRunner runner(BucketCompactor compactor, ThreadPoolTaskScheduler scheduler,
      ThanosCompactProperties p, boolean continuous) {
    return new CompactorRunner(compactor, scheduler, continuous, p.getWaitInterval(), p.getCleanupInterval(),
        p.getProgressInterval());
  }

  /** The block viewer, refreshed every {@code --block-viewer.global.sync-block-interval}. */
  public static BlockViewer blockViewer(Bucket bucket, ThreadPoolTaskScheduler scheduler,
      ThanosCompactProperties p) {
    BlockViewer viewer = new BlockViewer(bucket, p.getMetaFetchConcurrency());
    scheduler.scheduleWithFixedDelay(viewer::refresh, p.getBlockViewerSyncInterval());
    return viewer;
  }

  /** Health detail of the compactor: UP, or HALTED with the reason; never DOWN (readiness stays up). */
  public static HealthIndicator health(BucketCompactor compactor) {
    return () -> compactor.halted()
        ? Health.status(HALTED).withDetail("thanos_compact_halted", 1).build()
        : Health.up().withDetail("thanos_compact_halted", 0).build();
  }
}
