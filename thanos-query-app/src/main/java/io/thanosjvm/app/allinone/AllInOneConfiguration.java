package io.thanosjvm.app.allinone;

import io.grpc.BindableService;
import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.app.query.LocalEndpoints;
import io.thanosjvm.autoconfigure.BlocksPageRoutes;
import io.thanosjvm.autoconfigure.CompactorRunner;
import io.thanosjvm.autoconfigure.CompactorWiring;
import io.thanosjvm.autoconfigure.ReceiveWiring;
import io.thanosjvm.autoconfigure.StoreWiring;
import io.thanosjvm.autoconfigure.ThanosCompactProperties;
import io.thanosjvm.autoconfigure.ThanosReceiveProperties;
import io.thanosjvm.autoconfigure.ThanosStoreProperties;
import io.thanosjvm.compact.BlockViewer;
import io.thanosjvm.compact.BucketCompactor;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.ForwardingBucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.receive.HashringSource;
import io.thanosjvm.receive.Receiver;
import io.thanosjvm.receive.RemoteWriteServer;
import io.thanosjvm.server.http.HttpRequestMetrics;
import io.thanosjvm.store.bucket.StoreGateway;
import io.thanosjvm.store.cache.IndexCache;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The all-in-one's parts, each built by its component's one wiring from its own properties, over one bucket (the
 * {@code --objstore.config} every part shares) and one clock: receive (head per tenant in {@code --tsdb.path},
 * shipping to the bucket, remote write on its own port), the store gateway (index-headers in
 * {@code <data-dir>/store}), the compactor (always continuous, every {@code --wait-interval}, working in
 * {@code <data-dir>}), the block viewer page, and the loopback StoreAPIs the querier fans out to. Only the querier's
 * StoreAPI is a bean, so the main gRPC port serves it alone. Imported, not scanned.
 */
class AllInOneConfiguration {

  /** The bucket every part uses; closed once, after all of them. */
  @Bean(destroyMethod = "close")
  Bucket allInOneBucket(ThanosStoreProperties store, MeterRegistry meters, Clock clock) throws IOException {
    return BucketFactory.create(store.getObjstore().require("thanos.store"), meters, clock);
  }

  @Bean
  HashringSource hashringSource(ThanosReceiveProperties p, MeterRegistry meters) throws IOException {
    return ReceiveWiring.hashringSource(p, meters);
  }

  @Bean(destroyMethod = "close")
  Receiver receiver(ThanosReceiveProperties p, HashringSource hashring, Bucket bucket, MeterRegistry meters,
      Clock clock) throws IOException {
    Bucket shared = new ForwardingBucket(bucket) {
      @Override
      public void close() {
        // the all-in-one closes the bucket after every part
      }
    };
    return ReceiveWiring.receiver(p, hashring, Optional.of(shared), meters, clock);
  }

  @Bean
  HealthIndicator receiverHealthIndicator(Receiver receiver) {
    return ReceiveWiring.health(receiver);
  }

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService receiveMaintenance(Receiver receiver, HashringSource hashring,
      ThanosReceiveProperties p) {
    return ReceiveWiring.maintenance(receiver, hashring, p);
  }

  @Bean(destroyMethod = "close")
  RemoteWriteServer remoteWriteServer(Receiver receiver, HttpRequestMetrics metrics, ThanosReceiveProperties p,
      Clock clock) {
    return ReceiveWiring.remoteWriteServer(receiver, metrics, p, clock);
  }

  @Bean
  IndexCache indexCache(ThanosStoreProperties p, MeterRegistry meters) throws IOException {
    return StoreWiring.indexCache(p, meters);
  }

  @Bean(destroyMethod = "close")
  StoreGateway storeGateway(Bucket bucket, IndexCache cache, ThanosStoreProperties p, MeterRegistry meters,
      Clock clock) throws IOException {
    return StoreWiring.storeGateway(StoreWiring.cached(bucket, p, meters, clock), cache, p,
        Path.of(p.getDataDir()).resolve("store"), meters, clock);
  }

  @Bean
  HealthIndicator bucketStore(StoreGateway gateway) {
    return StoreWiring.health(gateway);
  }

  @Bean
  BucketCompactor bucketCompactor(Bucket bucket, ThanosCompactProperties p, Clock clock, MeterRegistry meters) {
    return CompactorWiring.bucketCompactor(bucket, CompactorWiring.settings(p, clock), clock, meters);
  }

  @Bean(destroyMethod = "shutdown")
  ThreadPoolTaskScheduler compactorScheduler() {
    return CompactorWiring.scheduler();
  }

  /** The compactor runs on its schedule whatever {@code --wait} says: the all-in-one is a long-running process. */
  @Bean
  CompactorRunner compactorRunner(BucketCompactor compactor, ThreadPoolTaskScheduler compactorScheduler,
      ThanosCompactProperties p) {
    return CompactorWiring.runner(compactor, compactorScheduler, p, true);
  }

  @Bean
  HealthIndicator compactor(BucketCompactor compactor) {
    return CompactorWiring.health(compactor);
  }

  @Bean
  BlockViewer blockViewer(Bucket bucket, ThreadPoolTaskScheduler compactorScheduler, ThanosCompactProperties p) {
    return CompactorWiring.blockViewer(bucket, compactorScheduler, p);
  }

  /** {@code /blocks} and {@code /api/v1/blocks}: every block in the bucket, as the compactor's viewer shows it. */
  @Bean
  RouterFunction<ServerResponse> blocksRoutes(BlockViewer viewer, ThanosCompactProperties p, Clock clock) {
    return BlocksPageRoutes.routes(viewer::blocks, p.getBucketWebLabel(), List.of(), clock);
  }

  @Bean(destroyMethod = "close")
  LocalStores localStores(Receiver receiver, StoreGateway gateway) throws IOException {
    return new LocalStores(List.of(List.<BindableService>of(receiver.store(), receiver.info()),
        List.<BindableService>of(gateway.store(), gateway.info())));
  }

  @Bean
  LocalEndpoints localEndpoints(LocalStores stores) {
    return new LocalEndpoints(stores.addresses());
  }
}
