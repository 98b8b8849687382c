package io.thanosjvm.app.compact;

import io.thanosjvm.compact.BlockViewer;
import io.thanosjvm.autoconfigure.CompactorRunner;
import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.autoconfigure.BlocksPageRoutes;
import io.thanosjvm.autoconfigure.CompactorWiring;
import io.thanosjvm.autoconfigure.ThanosCompactProperties;
import io.thanosjvm.compact.BucketCompactor;
import io.thanosjvm.compact.CompactorSettings;
import io.thanosjvm.objstore.Bucket;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
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

  /** Health status of a halted compactor: shown in the health details; readiness stays up, as in Thanos. */
  static final Status HALTED = CompactorWiring.HALTED;

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean(destroyMethod = "close")
  Bucket bucket(ThanosCompactProperties props, MeterRegistry meters, Clock clock) throws IOException {
    return CompactorWiring.bucket(props, meters, clock);
  }

  /** The settings, derived from the properties by name (relative min/max times resolved against the clock). */
  @Bean
  CompactorSettings compactorSettings(ThanosCompactProperties p, Clock clock) {
    return CompactorWiring.settings(p, clock);
  }

  @Bean
  BucketCompactor bucketCompactor(Bucket bucket, CompactorSettings settings, Clock clock, MeterRegistry meters) {
    return CompactorWiring.bucketCompactor(bucket, settings, clock, meters);
  }

  @Bean(destroyMethod = "shutdown")
  ThreadPoolTaskScheduler compactorScheduler() {
    return CompactorWiring.scheduler();
  }

  @Bean
  CompactorRunner compactorRunner(BucketCompactor compactor, ThreadPoolTaskScheduler compactorScheduler,
      ThanosCompactProperties p) {
    return CompactorWiring.runner(compactor, compactorScheduler, p, p.isWait());
  }

  @Bean
  BlockViewer blockViewer(Bucket bucket, ThreadPoolTaskScheduler compactorScheduler, ThanosCompactProperties p) {
    return CompactorWiring.blockViewer(bucket, compactorScheduler, p);
  }

  /** Health detail of the compactor: UP, or HALTED with the reason; never DOWN (readiness stays up). */
  @Bean
  HealthIndicator compactor(BucketCompactor compactor) {
    return CompactorWiring.health(compactor);
  }

  @Bean
  RouterFunction<ServerResponse> blocksRoutes(BlockViewer viewer, ThanosCompactProperties p, Clock clock) {
    return BlocksPageRoutes.routes(viewer::blocks, p.getBucketWebLabel(), List.of(), clock);
  }
}
