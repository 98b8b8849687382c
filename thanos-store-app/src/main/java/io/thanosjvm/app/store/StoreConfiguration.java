package io.thanosjvm.app.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.autoconfigure.BlocksPageRoutes;
import io.thanosjvm.autoconfigure.ThanosStoreProperties;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.model.TimeOrDuration;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.objstore.config.ObjstoreConfig;
import io.thanosjvm.objstore.config.ObjstoreConfigLoader;
import io.thanosjvm.relabel.RelabelConfig;
import io.thanosjvm.relabel.RelabelConfigParser;
import io.thanosjvm.store.bucket.BucketBlock;
import io.thanosjvm.store.bucket.BucketStore;
import io.thanosjvm.store.bucket.StoreGateway;
import io.thanosjvm.store.bucket.StoreLimits;
import io.thanosjvm.store.cache.IndexCache;
import io.thanosjvm.store.cachingbucket.CachingBuckets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
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
    ObjstoreConfig config = ObjstoreConfigLoader.resolve(props.getObjstoreConfigFile(), props.getObjstoreConfig())
        .orElseThrow(() -> new IllegalStateException("thanos store needs a bucket: set --objstore.config-file or --objstore.config"
          + " (thanos.store.objstore-config-file / thanos.store.objstore-config)"));
    Bucket bucket = BucketFactory.create(config, meters, Clock.systemUTC());
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
    List<RelabelConfig> selector = List.of();
    if (!p.getSelectorRelabelConfigFile().isEmpty()) {
      selector = RelabelConfigParser.parse(Files.readString(Path.of(p.getSelectorRelabelConfigFile())));
    } else if (!p.getSelectorRelabelConfig().isEmpty()) {
      selector = RelabelConfigParser.parse(p.getSelectorRelabelConfig());
    }
    StoreLimits limits = new StoreLimits(p.getLimitsRequestSeries(), p.getLimitsRequestSamples(),
        StoreIndexCache.bytes(p.getDownloadedBytesLimit(), "--store.grpc.downloaded-bytes-limit"));
    StoreGateway.Settings settings = new StoreGateway.Settings(Path.of(p.getDataDir()), p.getSyncBlockDuration(),
        p.getBlockSyncConcurrency(), p.getBlockMetaFetchConcurrency(), limits, p.getSeriesMaxConcurrency(),
        TimeOrDuration.parseMillis(p.getMinTime(), clock), TimeOrDuration.parseMillis(p.getMaxTime(), clock),
        selector, p.getConsistencyDelay(), p.getIgnoreDeletionMarksDelay(), p.isEnableIndexHeaderLazyReader(),
        p.getIndexHeaderLazyReaderIdleTimeout(), p.isCacheIndexHeader());
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
