package io.thanosjvm.app.store;

import io.thanosjvm.autoconfigure.StoreWiring;
import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.autoconfigure.BlocksPageRoutes;
import io.thanosjvm.autoconfigure.ThanosStoreProperties;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.store.bucket.BucketBlock;
import io.thanosjvm.store.bucket.BucketStore;
import io.thanosjvm.store.bucket.StoreGateway;
import io.thanosjvm.store.cache.IndexCache;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Wires the store gateway: bucket, index cache, gateway (sync loop), StoreAPI, Info, readiness, blocks API. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

  @Bean(destroyMethod = "close")
  Bucket bucket(ThanosStoreProperties props, MeterRegistry meters) throws IOException {
    return StoreWiring.bucket(props, meters, Clock.systemUTC());
  }

  @Bean
  IndexCache indexCache(ThanosStoreProperties props, MeterRegistry meters) throws IOException {
    return StoreWiring.indexCache(props, meters);
  }

  @Bean(destroyMethod = "close")
  StoreGateway storeGateway(Bucket bucket, IndexCache cache, ThanosStoreProperties p, MeterRegistry meters)
      throws IOException {
    return StoreWiring.storeGateway(bucket, cache, p, meters, Clock.systemUTC());
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
    return StoreWiring.health(gateway);
  }

  @Bean
  RouterFunction<ServerResponse> blocksRoutes(StoreGateway gateway) {
    return BlocksPageRoutes.routes(() -> gateway.registry().blocks().stream().map(BucketBlock::meta).toList(), "",
        List.of("/loaded"), Clock.systemUTC());
  }
}
