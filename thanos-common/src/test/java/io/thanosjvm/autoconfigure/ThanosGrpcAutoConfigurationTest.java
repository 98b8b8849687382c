package io.thanosjvm.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.BindableService;
import io.grpc.CompressorRegistry;
import io.grpc.DecompressorRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.server.grpc.GrpcClientMetricsInterceptor;
import io.thanosjvm.server.grpc.GrpcServerMetricsInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@link ThanosGrpcAutoConfiguration}'s beans and condition, with Spring Boot's context runner. */
class ThanosGrpcAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ThanosGrpcAutoConfiguration.class))
      .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

  @Test
  void registersSnappyAndTheGrpcMetricInterceptors() {
    runner.run(ctx -> {
      assertThat(ctx).hasNotFailed().hasSingleBean(GrpcServerMetricsInterceptor.class)
          .hasSingleBean(GrpcClientMetricsInterceptor.class);
      assertThat(ctx.getBean(CompressorRegistry.class).lookupCompressor("snappy")).isNotNull();
      assertThat(ctx.getBean(DecompressorRegistry.class).getKnownMessageEncodings()).contains("snappy");
    });
  }

  @Test
  void backsOffWithoutGrpc() {
    runner.withClassLoader(new FilteredClassLoader(BindableService.class))
        .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(GrpcServerMetricsInterceptor.class)
            .doesNotHaveBean(CompressorRegistry.class));
  }
}
