package io.thanosjvm.app.store;

import io.thanosjvm.autoconfigure.StoreIndexCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.autoconfigure.BlocksPageRoutes;
import io.thanosjvm.autoconfigure.SettingsMapper;
import io.thanosjvm.autoconfigure.ThanosStoreProperties;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.store.bucket.BucketBlock;
import io.thanosjvm.store.bucket.BucketStore;
import io.thanosjvm.store.bucket.StoreGateway;
import io.thanosjvm.store.cache.IndexCache;
import io.thanosjvm.store.cachingbucket.CachingBuckets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Wires the store gateway: bucket, index cache, gateway (sync loop), StoreAPI, Info, readiness, blocks API. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

  private static final String PREFIX = "thanos.store";

  @Bean(destroyMethod = "close")
  Bucket bucket(ThanosStoreProperties props, MeterRegistry meters) throws IOException {
    Bucket bucket = BucketFactory.create(props.getObjstore().require(PREFIX), meters, Clock.systemUTC());
    String caching = !props.getCachingBucketConfigFile().isEmpty()
        ? Files.readString(Path.of(props.getCachingBucketConfigFile())) : props.getCachingBucketConfig();
    return caching.isEmpty() ? bucket : CachingBuckets.wrap(bucket, caching, meters, Clock.systemUTC());
  }

  @Bean
  IndexCache indexCache(ThanosStoreProperties props, MeterRegistry meters) throws IOException {
    return StoreIndexCache.create(props, meters);
  }

  @Bean(destroyMethod = "close")
  StoreGateway storeGateway(Bucket bucket, IndexCache cache, ThanosStoreProperties p, MeterRegistry meters)
      throws IOException {
    Clock clock = Clock.systemUTC();
    StoreGateway.Settings settings = SettingsMapper.map(p, StoreGateway.Settings.class, PREFIX, Map.of(
        "minTime", p.getTimeRange().minTimeMillis(clock), "maxTime", p.getTimeRange().maxTimeMillis(clock),
        "selector", p.getSelector().relabelConfigs()));
    StoreGateway gateway = StoreGateway.create(bucket, cache, settings, meters, clock);
    gateway.start();
    return gateway;
  }

  @Bean
  BucketStore storeApi(StoreGateway gateway) {
    return gateway.store();
  }

  @Bean
  InfoService infoService(StoreGateway gateway) {
    return gateway.info();
  }

  /** Readiness: the first bucket sync has finished (included in the readiness group). */
  @Bean
  HealthIndicator bucketStore(StoreGateway gateway) {
    return () -> gateway.ready() ? Health.up().build()
        : Health.down().withDetail("reason", "initial block sync not finished").build();
  }

  @Bean
  RouterFunction<ServerResponse> blocksRoutes(StoreGateway gateway) {
    return BlocksPageRoutes.routes(() -> gateway.registry().blocks().stream().map(BucketBlock::meta).toList(), "",
        List.of("/loaded"), Clock.systemUTC());
  }
}
