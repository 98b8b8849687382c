package io.thanosjvm.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.thanosjvm.server.BuildInfo;
import io.thanosjvm.server.http.HttpRequestMetrics;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

/**
 * {@link ThanosServerAutoConfiguration} with Spring Boot's context runner: its beans, the binding of every
 * {@code thanos.*} properties class it enables (Prometheus durations, nested flag groups) and start-up failures that
 * name the property for bad values.
 */
class ThanosServerAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class,
          HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
          ThanosServerAutoConfiguration.class))
      .withBean(PrometheusRegistry.class, PrometheusRegistry::new)
      .withBean(PrometheusMeterRegistry.class,
          () -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));

  @Test
  void registersTheSharedServerBeansAndBindsTheDefaults() {
    runner.run(ctx -> {
      assertThat(ctx).hasNotFailed().hasSingleBean(BuildInfo.class).hasSingleBean(HttpRequestMetrics.class)
          .hasSingleBean(HttpMetricsWebFilter.class).hasSingleBean(BuildInfoMetric.class);
      assertThat(ctx.getBean(ThanosProperties.class).getGrpc().getMaxConnectionAge())
          .isEqualTo(Duration.ofMinutes(60));
      assertThat(ctx.getBean(ThanosCompactProperties.class).getDeleteDelay()).isEqualTo(Duration.ofHours(48));
    });
  }

  @Test
  void bindsNestedFlagGroupsAndPrometheusDurations() {
    runner.withPropertyValues("thanos.store.objstore.config={type: FILESYSTEM, config: {directory: /tmp/b}}",
            "thanos.store.time-range.min-time=-2w", "thanos.compact.selector.relabel-config-file=/r.yml",
            "thanos.compact.retention-raw=30d", "thanos.sidecar.objstore.config-file=/b.yml")
        .run(ctx -> {
          assertThat(ctx).hasNotFailed();
          ThanosStoreProperties store = ctx.getBean(ThanosStoreProperties.class);
          assertThat(store.getObjstore().isSet()).isTrue();
          assertThat(store.getTimeRange().getMinTime()).isEqualTo("-2w");
          ThanosCompactProperties compact = ctx.getBean(ThanosCompactProperties.class);
          assertThat(compact.getSelector().getRelabelConfigFile()).isEqualTo("/r.yml");
          assertThat(compact.getRetentionRaw()).isEqualTo(Duration.ofDays(30));
          assertThat(ctx.getBean(ThanosSidecarProperties.class).isShipping()).isTrue();
        });
  }

  @Test
  void exclusiveObjstoreSettingsFailStartUpNamingTheGroup() {
    runner.withPropertyValues("thanos.store.objstore.config-file=/b.yml", "thanos.store.objstore.config=x")
        .run(ctx -> {
          assertThat(ctx).hasFailed();
          assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("thanos.store")
              .hasMessageContaining("(--objstore.config-file, --objstore.config) are exclusive");
        });
  }

  @Test
  void badValuesFailStartUpNamingTheProperty() {
    runner.withPropertyValues("thanos.compact.hash-func=MD5").run(ctx -> {
      assertThat(ctx).hasFailed();
      assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("thanos.compact")
          .hasMessageContaining("hashFuncValid").hasMessageContaining("must be \"\" or \"SHA256\"");
    });
    runner.withPropertyValues("thanos.grpc.server-tls-cert=/c.pem").run(ctx -> {
      assertThat(ctx).hasFailed();
      assertThat(ctx.getStartupFailure()).rootCause()
          .hasMessageContaining("--grpc-server-tls-cert and --grpc-server-tls-key go together");
    });
    runner.withPropertyValues("thanos.grpc.server-tls-min-version=1.4").run(ctx -> {
      assertThat(ctx).hasFailed();
      assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("one of 1.0, 1.1, 1.2, 1.3");
    });
    runner.withPropertyValues("thanos.store.sync-interval=soon").run(ctx -> {
      assertThat(ctx).hasFailed();
      assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("\"soon\"");
    });
  }
}
