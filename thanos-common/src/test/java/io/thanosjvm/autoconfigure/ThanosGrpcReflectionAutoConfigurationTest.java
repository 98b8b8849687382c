package io.thanosjvm.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.BindableService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@link ThanosGrpcReflectionAutoConfiguration}'s conditions, with Spring Boot's context runner. */
class ThanosGrpcReflectionAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ThanosGrpcReflectionAutoConfiguration.class));

  @Test
  void registersTheReflectionServiceByDefault() {
    runner.run(ctx -> assertThat(ctx).hasSingleBean(BindableService.class)
        .getBean("serverReflection").isInstanceOf(ProtoReflectionServiceV1.class));
  }

  @Test
  void backsOffWhenReflectionIsDisabled() {
    runner.withPropertyValues("spring.grpc.server.reflection.enabled=false")
        .run(ctx -> assertThat(ctx).doesNotHaveBean("serverReflection"));
  }

  @Test
  void keepsAServerReflectionBeanAlreadyRegistered() {
    BindableService own = ProtoReflectionServiceV1.newInstance();
    runner.withBean("serverReflection", BindableService.class, () -> own)
        .run(ctx -> assertThat(ctx.getBean("serverReflection")).isSameAs(own));
  }

  @Test
  void backsOffWithoutGrpcServices() {
    runner.withClassLoader(new FilteredClassLoader(ProtoReflectionServiceV1.class))
        .run(ctx -> assertThat(ctx).doesNotHaveBean("serverReflection"));
  }
}
