package io.thanosjvm.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binding and start-up validation of {@code thanos.*}, with Prometheus-style durations. */
class ThanosPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({ThanosProperties.class, ThanosQueryProperties.class})
  static class PropertiesOnly {
    @Bean
    static PromDurationConverter promDurationConverter() {
      return new PromDurationConverter();
    }
  }

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(PropertiesOnly.class);

  @Test
  void bindsThanosStyleValues() {
    runner.withPropertyValues("thanos.http.address=127.0.0.1:0", "thanos.grpc.grace-period=1h30m",
            "thanos.query.replica-labels[0]=replica", "thanos.query.lookback-delta=2m",
            "thanos.query.store-response-timeout=0ms")
        .run(ctx -> {
          assertThat(ctx).hasNotFailed();
          ThanosProperties p = ctx.getBean(ThanosProperties.class);
          assertThat(p.getHttp().getAddress()).isEqualTo("127.0.0.1:0");
          assertThat(p.getGrpc().getGracePeriod()).isEqualTo(Duration.ofMinutes(90));
          ThanosQueryProperties q = ctx.getBean(ThanosQueryProperties.class);
          assertThat(q.getReplicaLabels()).containsExactly("replica");
          assertThat(q.getLookbackDelta()).isEqualTo(Duration.ofMinutes(2));
        });
  }

  @Test
  void badListenAddressFailsStartUpNamingTheProperty() {
    runner.withPropertyValues("thanos.http.address=localhost").run(ctx -> {
      assertThat(ctx).hasFailed();
      assertThat(ctx.getStartupFailure()).rootCause()
          .hasMessageContaining("thanos.http.address must be host:port");
    });
  }

  @Test
  void badLogLevelFailsStartUp() {
    runner.withPropertyValues("thanos.log.level=verbose").run(ctx -> {
      assertThat(ctx).hasFailed();
      assertThat(ctx.getStartupFailure()).rootCause()
          .hasMessageContaining("log.level").hasMessageContaining("must be one of error, warn, info, debug");
    });
  }

  @Test
  void badDurationFailsStartUpQuotingTheValue() {
    runner.withPropertyValues("thanos.query.timeout=2 minutes").run(ctx -> {
      assertThat(ctx).hasFailed();
      assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("\"2 minutes\"");
    });
  }

  @Test
  void maxConcurrentMustBePositive() {
    runner.withPropertyValues("thanos.query.max-concurrent=0").run(ctx -> {
      assertThat(ctx).hasFailed();
      assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("must be at least 1");
    });
  }
}
