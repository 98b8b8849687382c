package io.thanosjvm.app.compact;

import io.thanosjvm.compact.BlockViewer;
import io.thanosjvm.autoconfigure.CompactorRunner;
import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.autoconfigure.BlocksPageRoutes;
import io.thanosjvm.autoconfigure.SettingsMapper;
import io.thanosjvm.autoconfigure.ThanosCompactProperties;
import io.thanosjvm.compact.BlockCompactor;
import io.thanosjvm.compact.BucketCompactor;
import io.thanosjvm.compact.CompactorSettings;
import io.thanosjvm.compact.merge.DedupMode;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Wires the compactor: bucket, settings (validated as Thanos validates its flags), the bucket compactor with the
 * streaming block compactor, the scheduled runner, the halt health detail and the block viewer.
 */
@Configuration(proxyBeanMethods = false)
class CompactorConfiguration {

  private static final String PREFIX = "thanos.compact";

  /** Health status of a halted compactor: shown in the health details; readiness stays up, as in Thanos. */
  static final Status HALTED = new Status("HALTED", "compaction halted: see the log line naming the blocks");

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean(destroyMethod = "close")
  Bucket bucket(ThanosCompactProperties props, MeterRegistry meters, Clock clock) throws IOException {
    return BucketFactory.create(props.getObjstore().require(PREFIX), meters, clock);
  }

  /** The settings, derived from the properties by name (relative min/max times resolved against the clock). */
  @Bean
  CompactorSettings compactorSettings(ThanosCompactProperties p, Clock clock) {
    return SettingsMapper.map(p, CompactorSettings.class, PREFIX, Map.of(
        "minTime", p.getTimeRange().minTimeMillis(clock), "maxTime", p.getTimeRange().maxTimeMillis(clock)));
  }

  @Bean
  BucketCompactor bucketCompactor(Bucket bucket, CompactorSettings settings, Clock clock, MeterRegistry meters) {
    DedupMode mode = settings.dedupFunc().equals(CompactorSettings.DEDUP_PENALTY) ? DedupMode.PENALTY
        : DedupMode.ONE_TO_ONE;
    return new BucketCompactor(bucket, settings, new BlockCompactor(mode), clock, meters);
  }

  @Bean(destroyMethod = "shutdown")
  ThreadPoolTaskScheduler compactorScheduler() {
    ThreadPoolTaskScheduler s = new ThreadPoolTaskScheduler();
    s.setPoolSize(3);
    s.setThreadNamePrefix("compactor-");
    s.setWaitForTasksToCompleteOnShutdown(false);
    s.initialize();
    return s;
  }

  @Bean
  CompactorRunner compactorRunner(BucketCompactor compactor, ThreadPoolTaskScheduler compactorScheduler,
      ThanosCompactProperties p) {
    return new CompactorRunner(compactor, compactorScheduler, p.isWait(), p.getWaitInterval(), p.getCleanupInterval(),
        p.getProgressInterval());
  }

  @Bean
  BlockViewer blockViewer(Bucket bucket, ThreadPoolTaskScheduler compactorScheduler, ThanosCompactProperties p) {
    BlockViewer viewer = new BlockViewer(bucket, p.getMetaFetchConcurrency());
    compactorScheduler.scheduleWithFixedDelay(viewer::refresh, p.getBlockViewerSyncInterval());
    return viewer;
  }

  /** Health detail of the compactor: UP, or HALTED with the reason; never DOWN (readiness stays up). */
  @Bean
  HealthIndicator compactor(BucketCompactor compactor) {
    return () -> compactor.halted()
        ? Health.status(HALTED).withDetail("thanos_compact_halted", 1).build()
        : Health.up().withDetail("thanos_compact_halted", 0).build();
  }

  @Bean
  RouterFunction<ServerResponse> blocksRoutes(BlockViewer viewer, ThanosCompactProperties p, Clock clock) {
    return BlocksPageRoutes.routes(viewer::blocks, p.getBucketWebLabel(), List.of(), clock);
  }
}
