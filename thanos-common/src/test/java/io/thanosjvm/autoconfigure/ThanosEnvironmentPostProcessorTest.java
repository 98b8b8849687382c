package io.thanosjvm.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ThanosEnvironmentPostProcessorTest {

  private static StandardEnvironment process(Map<String, Object> props) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new MapPropertySource("test", props));
    new ThanosEnvironmentPostProcessor().postProcessEnvironment(env, new SpringApplication());
    return env;
  }

  @Test
  void defaultsAreThanosPorts() {
    StandardEnvironment env = process(Map.of());
    assertThat(env.getProperty("server.address")).isEqualTo("0.0.0.0");
    assertThat(env.getProperty("server.port")).isEqualTo("10902");
    assertThat(env.getProperty("spring.grpc.server.address")).isEqualTo("0.0.0.0:10901");
  }

  @Test
  void listenAddressesComeFromThanosProperties() {
    StandardEnvironment env = process(Map.of("thanos.http.address", "127.0.0.1:0",
        "thanos.grpc.address", "[::1]:19091"));
    assertThat(env.getProperty("server.address")).isEqualTo("127.0.0.1");
    assertThat(env.getProperty("server.port")).isEqualTo("0");
    assertThat(env.getProperty("spring.grpc.server.address")).isEqualTo("[::1]:19091");
  }

  @Test
  void grpcServerAcceptsThanosClientKeepaliveAndLargeMessages() {
    StandardEnvironment env = process(Map.of("thanos.grpc.max-connection-age", "1h30m"));
    assertThat(env.getProperty("spring.grpc.server.keep-alive.permit-time")).isEqualTo("10s");
    assertThat(env.getProperty("spring.grpc.server.keep-alive.permit-without-calls")).isEqualTo("true");
    assertThat(env.getProperty("spring.grpc.server.keep-alive.max-age")).isEqualTo("5400000ms");
    assertThat(env.getProperty("spring.grpc.server.max-inbound-message-size")).isEqualTo("2147483647B");
    assertThat(env.getProperty("spring.grpc.server.health.enabled")).isEqualTo("true");
    assertThat(env.getProperty("spring.grpc.server.health.actuator.health-indicator-paths")).isEqualTo("readinessState");
  }

  @Test
  void gracePeriodsDriveGracefulShutdown() {
    StandardEnvironment env = process(Map.of("thanos.http.grace-period", "30s", "thanos.grpc.grace-period", "1m"));
    assertThat(env.getProperty("server.shutdown")).isEqualTo("graceful");
    assertThat(env.getProperty("spring.lifecycle.timeout-per-shutdown-phase")).isEqualTo("60000ms");
    assertThat(env.getProperty("spring.grpc.server.shutdown-grace-period")).isEqualTo("60000ms");
  }

  @Test
  void logLevelAndFormatMapToSpringLogging() {
    StandardEnvironment env = process(Map.of("thanos.log.level", "debug", "thanos.log.format", "json"));
    assertThat(env.getProperty("logging.level.root")).isEqualTo("DEBUG");
    assertThat(env.getProperty("logging.structured.format.console")).isEqualTo(ThanosJsonLogFormatter.class.getName());
    assertThat(process(Map.of()).getProperty("logging.structured.format.console"))
        .isEqualTo(ThanosLogfmtFormatter.class.getName());
  }

  @Test
  void explicitSpringSettingsWin() {
    StandardEnvironment env = process(Map.of("server.port", "8080", "thanos.http.address", "0.0.0.0:1"));
    assertThat(env.getProperty("server.port")).isEqualTo("8080");
  }

  @Test
  void malformedAddressesAreLeftToPropertyValidation() {
    StandardEnvironment env = process(Map.of("thanos.http.address", "nonsense"));
    assertThat(env.getProperty("server.port")).isNull();
  }
}
