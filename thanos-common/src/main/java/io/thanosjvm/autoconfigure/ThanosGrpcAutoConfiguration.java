package io.thanosjvm.autoconfigure;

import io.grpc.CompressorRegistry;
import io.grpc.DecompressorRegistry;
import io.grpc.BindableService;
import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.server.grpc.GrpcClientMetricsInterceptor;
import io.thanosjvm.server.grpc.GrpcServerMetricsInterceptor;
import io.thanosjvm.server.grpc.SnappyCodec;
import io.thanosjvm.server.grpc.TlsMinVersionInterceptor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.grpc.server.GlobalServerInterceptor;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/**
 * The gRPC side every component shares, on top of Spring gRPC's server (which also brings the standard
 * {@code grpc.health.v1.Health} service and reflection): the {@code snappy} compressor and go-grpc-prometheus
 * metrics. Keepalive permission (client pings every 10 s, as real Thanos queriers send; grpc-java's default
 * would answer GOAWAY too_many_pings) and unlimited message size are set through Spring gRPC's properties by
 * {@link ThanosEnvironmentPostProcessor}, so they apply whichever Netty flavour (shaded or not) serves.
 */
@AutoConfiguration(beforeName = {
    "org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration",
    "org.springframework.boot.grpc.server.autoconfigure.GrpcServerFactoryAutoConfiguration",
    "org.springframework.boot.grpc.client.autoconfigure.GrpcClientAutoConfiguration"})
@ConditionalOnClass(BindableService.class)
public class ThanosGrpcAutoConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(ThanosGrpcAutoConfiguration.class);

  /** Compressors (gzip, identity, snappy); Spring gRPC applies this registry to servers and channels. */
  @Bean
  CompressorRegistry compressorRegistry() {
    return SnappyCodec.compressorRegistry();
  }

  /** Decompressors, with snappy advertised in grpc-accept-encoding. */
  @Bean
  DecompressorRegistry decompressorRegistry() {
    return SnappyCodec.decompressorRegistry();
  }

  /** {@code grpc_server_*} metrics for every service. */
  @Bean
  @GlobalServerInterceptor
  GrpcServerMetricsInterceptor grpcServerMetricsInterceptor(MeterRegistry registry) {
    return new GrpcServerMetricsInterceptor(registry);
  }

  /** Calls on TLS connections below {@code --grpc-server-tls-min-version} are refused (when the server has TLS). */
  @Bean
  @GlobalServerInterceptor
  @ConditionalOnExpression("!'${thanos.grpc.server-tls-cert:}'.isEmpty()")
  TlsMinVersionInterceptor grpcTlsMinVersionInterceptor(ThanosProperties props) {
    return new TlsMinVersionInterceptor(props.getGrpc().getServerTlsMinVersion());
  }

  /**
   * The gRPC server's SSL bundle from {@code --grpc-server-tls-cert/-key/-client-ca}, with managers that follow
   * the files (a renewed certificate or CA is served without a restart).
   */
  @Bean
  @ConditionalOnExpression("!'${thanos.grpc.server-tls-cert:}'.isEmpty()")
  SslBundleRegistrar thanosGrpcServerTlsBundle(ThanosProperties props, ObjectProvider<Clock> clock) {
    ThanosProperties.Grpc g = props.getGrpc();
    String ca = g.getServerTlsClientCa();
    return new GrpcServerTlsBundle(Path.of(g.getServerTlsCert()), Path.of(g.getServerTlsKey()),
        ca == null || ca.isEmpty() ? null : Path.of(ca), clock.getIfAvailable(Clock::systemUTC));
  }

  /** {@code grpc_client_*} metrics, for components that call StoreAPIs. */
  @Bean
  GrpcClientMetricsInterceptor grpcClientMetricsInterceptor(MeterRegistry registry) {
    return new GrpcClientMetricsInterceptor(registry);
  }

  /** Logs where gRPC listens and publishes the bound port as {@code local.grpc.port}. */
  @Bean
  ApplicationListener<GrpcServerStartedEvent> thanosGrpcListeningLog(ConfigurableEnvironment environment) {
    return event -> {
      environment.getPropertySources().addFirst(
          new MapPropertySource("thanosGrpcServerPort", Map.of("local.grpc.port", event.getPort())));
      LOG.atInfo().addKeyValue("component", "grpc")
          .addKeyValue("address", event.getAddress())
          .addKeyValue("port", event.getPort())
          .log("listening for serving gRPC");
    };
  }
}
