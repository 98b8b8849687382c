package io.thanosjvm.autoconfigure;

import io.grpc.BindableService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * gRPC server reflection on every component, as Thanos registers it. Spring gRPC only adds reflection when
 * an application service bean already exists at that point of auto-configuration, which misses components
 * whose services come from auto-configuration too; this fills the gap without duplicating it.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.grpc.server.autoconfigure.GrpcServerReflectionAutoConfiguration",
    beforeName = "org.springframework.boot.grpc.server.autoconfigure.GrpcServerFactoryAutoConfiguration")
@ConditionalOnClass(ProtoReflectionServiceV1.class)
@ConditionalOnProperty(name = "spring.grpc.server.reflection.enabled", matchIfMissing = true)
public class ThanosGrpcReflectionAutoConfiguration {

  /** The reflection service, unless Spring gRPC registered it. */
  @Bean
  @ConditionalOnMissingBean(name = "serverReflection")
  BindableService serverReflection() {
    return ProtoReflectionServiceV1.newInstance();
  }
}
