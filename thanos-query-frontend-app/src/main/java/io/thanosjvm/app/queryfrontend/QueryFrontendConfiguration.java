package io.thanosjvm.app.queryfrontend;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.autoconfigure.ThanosQueryFrontendProperties;
import io.thanosjvm.queryfrontend.Backoff;
import io.thanosjvm.queryfrontend.Downstream;
import io.thanosjvm.queryfrontend.FrontendMetrics;
import io.thanosjvm.queryfrontend.HttpDownstream;
import io.thanosjvm.queryfrontend.MetadataPipeline;
import io.thanosjvm.queryfrontend.ParallelRunner;
import io.thanosjvm.queryfrontend.QueryRangePipeline;
import io.thanosjvm.queryfrontend.RangeHandler;
import io.thanosjvm.queryfrontend.RetryingDownstream;
import io.thanosjvm.queryfrontend.cache.ResponseCacheConfig;
import io.thanosjvm.queryfrontend.cache.ResponseCacheConfigParser;
import io.thanosjvm.queryfrontend.cache.ResponseCaches;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Wires the query frontend: the downstream (with retries per request kind), the results cache from
 * {@code --query-range.response-cache-config(-file)} (a bad configuration stops start-up), the range pipeline, the
 * bounded thread pools the blocking work runs on, and the routes.
 */
@Configuration(proxyBeanMethods = false)
class QueryFrontendConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(QueryFrontendConfiguration.class);
  /** The longest wait for one downstream answer. */
  private static final Duration DOWNSTREAM_TIMEOUT = Duration.ofMinutes(5);

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  FrontendMetrics frontendMetrics(MeterRegistry registry) {
    return new FrontendMetrics(registry);
  }

  @Bean
  HttpDownstream httpDownstream(ThanosQueryFrontendProperties p) {
    return new HttpDownstream(URI.create(p.getDownstreamUrl()), DOWNSTREAM_TIMEOUT);
  }

  @Bean
  Downstreams downstreams(HttpDownstream http, ThanosQueryFrontendProperties p, FrontendMetrics metrics) {
    RandomGenerator random = RandomGenerator.getDefault();
    return new Downstreams(http,
        retrying(http, p.getQueryRange().getMaxRetries(), random, metrics),
        retrying(http, p.getQueryMaxRetriesPerRequest(), random, metrics),
        retrying(http, p.getLabels().getMaxRetriesPerRequest(), random, metrics));
  }

  private static Downstream retrying(Downstream d, int attempts, RandomGenerator random, FrontendMetrics metrics) {
    return new RetryingDownstream(d, attempts, Backoff.thanos(random), n -> metrics.retries().increment());
  }

  /** The results cache, or none when no configuration is given (or an IN-MEMORY one without sizes). */
  @Bean
  RangeResultsCache rangeResultsCache(ThanosQueryFrontendProperties p, MeterRegistry registry, Clock clock)
      throws IOException {
    String yaml = p.getQueryRange().getResponseCacheConfig();
    if (!p.getQueryRange().getResponseCacheConfigFile().isEmpty()) {
      yaml = Files.readString(Path.of(p.getQueryRange().getResponseCacheConfigFile()));
    }
    if (yaml.isBlank()) {
      LOG.info("no query-range response cache configured; range query results are not cached");
      return new RangeResultsCache(null);
    }
    Optional<ResponseCacheConfig> config = ResponseCacheConfigParser.parse(yaml);
    if (config.isEmpty()) {
      LOG.warn("IN-MEMORY response cache without max_size or max_size_items: results are not cached");
    }
    return new RangeResultsCache(config.map(c -> ResponseCaches.create(c, ResponseCaches.QUERY_RANGE_NAME, registry,
        clock)).orElse(null));
  }

  /**
   * The labels/series results cache from {@code --labels.response-cache-config(-file)} (same backends as the range
   * cache), or none.
   */
  @Bean
  LabelsResultsCache labelsResultsCache(ThanosQueryFrontendProperties p, MeterRegistry registry, Clock clock)
      throws IOException {
    String yaml = p.getLabels().getResponseCacheConfig();
    if (!p.getLabels().getResponseCacheConfigFile().isEmpty()) {
      yaml = Files.readString(Path.of(p.getLabels().getResponseCacheConfigFile()));
    }
    if (yaml.isBlank()) {
      LOG.info("no labels response cache configured; label and series results are not cached");
      return new LabelsResultsCache(null);
    }
    Optional<ResponseCacheConfig> config = ResponseCacheConfigParser.parse(yaml);
    return new LabelsResultsCache(config.map(c -> ResponseCaches.create(c, ResponseCaches.LABELS_NAME, registry,
        clock)).orElse(null));
  }

  @Bean
  MetadataPipeline metadataPipeline(ThanosQueryFrontendProperties p, Downstreams downstreams,
      LabelsResultsCache labelsResultsCache, ThreadPoolExecutor subQueryPool, Clock clock) {
    return new MetadataPipeline(p.getLabels().getSplitInterval().toMillis(), downstreams.labels(),
        labelsResultsCache.cache(), p.getLabels().getResponseCacheMaxFreshness().toMillis(),
        new ParallelRunner(subQueryPool, p.getLabels().getMaxQueryParallelism()), clock);
  }

  /** Runs sub-queries of split range queries; when full, the query's own thread does the work. */
  @Bean(destroyMethod = "shutdownNow")
  ThreadPoolExecutor subQueryPool() {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(32, 32, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024),
        r -> {
          Thread t = new Thread(r, "qfe-subquery");
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** The bounded scheduler blocking downstream calls are offloaded to (never a Netty event loop). */
  @Bean(destroyMethod = "dispose")
  Scheduler frontendScheduler() {
    return Schedulers.newBoundedElastic(128, 10_000, "qfe-request", 60, true);
  }

  @Bean
  RangeHandler rangePipeline(ThanosQueryFrontendProperties p, Downstreams downstreams,
      RangeResultsCache rangeResultsCache, ThreadPoolExecutor subQueryPool, Clock clock, FrontendMetrics metrics) {
    return QueryRangePipeline.build(p.queryRangeSettings(), p.getVerticalShards(), downstreams.range(),
        rangeResultsCache.cache(), subQueryPool, clock, metrics);
  }

  @Bean
  QueryFrontendHandlers queryFrontendHandlers(RangeHandler rangePipeline, MetadataPipeline metadataPipeline,
      Downstreams downstreams, ThanosQueryFrontendProperties p, FrontendMetrics metrics, Scheduler frontendScheduler,
      Clock clock) {
    return new QueryFrontendHandlers(rangePipeline, metadataPipeline, downstreams, p, metrics, frontendScheduler,
        clock);
  }

  @Bean
  RouterFunction<ServerResponse> queryFrontendRoutes(QueryFrontendHandlers handlers) {
    return handlers.routes();
  }
}
