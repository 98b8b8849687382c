package io.thanosjvm.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.thanosjvm.server.BuildInfo;
import io.thanosjvm.server.http.HttpRequestMetrics;
import io.thanosjvm.server.http.WebConfig;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.scheduler.Schedulers;

/**
 * The HTTP side every component shares: {@code /-/healthy}, {@code /-/ready}, {@code /metrics}, Thanos'
 * HTTP metric families, {@code thanos_build_info}, and the start-up log lines naming the listen address.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration",
    "org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration"})
@EnableConfigurationProperties({ThanosProperties.class, ThanosQueryProperties.class, ThanosSidecarProperties.class,
    ThanosStoreProperties.class, ThanosDemoProperties.class, ThanosCompactProperties.class})
public class ThanosServerAutoConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(ThanosServerAutoConfiguration.class);

  /** Binds Prometheus-style durations ({@code 1h30m}) in {@code @ConfigurationProperties}. */
  @Bean
  static PromDurationConverter promDurationConverter() {
    return new PromDurationConverter();
  }

  /** What was built. */
  @Bean
  BuildInfo thanosBuildInfo() {
    return BuildInfo.load();
  }

  /**
   * {@code thanos_build_info{branch,goarch,goos,goversion,revision,tags,version} 1}, registered straight
   * into the Prometheus registry: Micrometer would strip the {@code _info} suffix that dashboards query.
   */
  @Bean
  @ConditionalOnClass(name = "io.prometheus.metrics.model.registry.PrometheusRegistry")
  BuildInfoMetric thanosBuildInfoMetric(BuildInfo info, PrometheusRegistry registry) {
    return BuildInfoMetric.register(info, registry);
  }

  /** Thanos' HTTP request metrics. */
  @Bean
  HttpRequestMetrics httpRequestMetrics(MeterRegistry registry) {
    return new HttpRequestMetrics(registry);
  }

  /** The filter recording them. */
  @Bean
  HttpMetricsWebFilter httpMetricsWebFilter(HttpRequestMetrics metrics) {
    return new HttpMetricsWebFilter(metrics);
  }

  /** {@code Connection: close} on every answer (a Reactor Netty keep-alive hang, see the class). */
  @Bean
  ConnectionCloseWebFilter thanosConnectionCloseFilter() {
    return new ConnectionCloseWebFilter();
  }

  /** {@code --http.config}: response headers and basic authentication on every endpoint. */
  @Bean
  @ConditionalOnExpression("!'${thanos.http.config:}'.isEmpty()")
  WebConfigWebFilter thanosWebConfigFilter(ThanosProperties properties) {
    return new WebConfigWebFilter(WebConfig.load(Path.of(properties.getHttp().getConfig())),
        Schedulers.boundedElastic());
  }

  /** {@code /-/healthy}, {@code /-/ready} and {@code /metrics}. */
  @Bean
  @ConditionalOnClass(name = "org.springframework.web.reactive.function.server.RouterFunction")
  RouterFunction<ServerResponse> thanosProbeRoutes(HealthEndpoint health, PrometheusMeterRegistry registry) {
    return ProbeRoutes.routes(health, registry, Schedulers.boundedElastic());
  }

  /** Logs where HTTP listens, as Thanos does at start-up. */
  @Bean
  ApplicationListener<WebServerInitializedEvent> thanosHttpListeningLog(ThanosProperties properties) {
    return event -> LOG.atInfo().addKeyValue("component", "http")
        .addKeyValue("address", properties.getHttp().getAddress())
        .addKeyValue("port", event.getWebServer().getPort())
        .log("listening for requests and metrics");
  }

  /** Warns about accepted-but-ignored tracing configuration. */
  @Bean
  SmartInitializingSingleton thanosTracingWarning(ThanosProperties properties) {
    return () -> {
      ThanosProperties.Tracing t = properties.getTracing();
      if (!t.getConfig().isBlank() || !t.getConfigFile().isBlank()) {
        LOG.warn("tracing is not implemented yet; the tracing configuration is ignored");
      }
    };
  }

}
