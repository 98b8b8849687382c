package io.thanosjvm.autoconfigure;

import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.server.HostPort;
import io.thanosjvm.server.http.WebConfig;
import java.nio.file.Path;
import io.thanosjvm.model.PromDuration;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Derives Spring's own settings from {@code thanos.*} before the application starts: listen addresses
 * (HTTP 10902, gRPC 10901), grace periods, gRPC keepalive permissions (clients may ping every 10 s, as
 * Thanos queriers do), unlimited gRPC message size, log level and format, graceful shutdown, Actuator
 * exposure and probes. Values the user sets explicitly for Spring keys win: these are defaults added last.
 */
public class ThanosEnvironmentPostProcessor implements EnvironmentPostProcessor {

  /** Name of the derived property source. */
  public static final String SOURCE_NAME = "thanosDerivedDefaults";

  /** The SSL bundle the gRPC server TLS flags become. */
  static final String GRPC_SERVER_BUNDLE = "thanos-grpc-server";

  /** The SSL bundle {@code --http.config}'s TLS section becomes. */
  static final String HTTP_SERVER_BUNDLE = "thanos-http-server";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    Map<String, Object> p = new LinkedHashMap<>();
    String http = env.getProperty("thanos.http.address", "0.0.0.0:10902");
    try {
      HostPort hp = HostPort.parse(http);
      p.put("server.address", hp.host());
      p.put("server.port", Integer.toString(hp.port()));
    } catch (IllegalArgumentException e) {
      // left to ThanosProperties validation, which fails start-up naming the property
    }
    String grpc = env.getProperty("thanos.grpc.address", "0.0.0.0:10901");
    try {
      p.put("spring.grpc.server.address", HostPort.parse(grpc).toString());
    } catch (IllegalArgumentException e) {
      // left to ThanosProperties validation
    }
    Duration httpGrace = duration(env, "thanos.http.grace-period", Duration.ofMinutes(2));
    Duration grpcGrace = duration(env, "thanos.grpc.grace-period", Duration.ofMinutes(2));
    p.put("server.shutdown", "graceful");
    p.put("spring.lifecycle.timeout-per-shutdown-phase", millis(httpGrace.compareTo(grpcGrace) >= 0 ? httpGrace : grpcGrace));
    p.put("spring.grpc.server.shutdown-grace-period", millis(grpcGrace));
    p.put("spring.grpc.server.keep-alive.permit-time", "10s");
    p.put("spring.grpc.server.keep-alive.permit-without-calls", "true");
    p.put("spring.grpc.server.keep-alive.max-age", millis(duration(env, "thanos.grpc.max-connection-age",
        Duration.ofMinutes(60))));
    p.put("spring.grpc.server.max-inbound-message-size", Integer.MAX_VALUE + "B");
    p.put("spring.grpc.server.observation.enabled", "false");
    // every component serves gRPC health (and reflection) even before it registers its own services
    p.put("spring.grpc.server.health.enabled", "true");
    // gRPC health follows readiness, as Thanos' prober flips it
    p.put("spring.grpc.server.health.actuator.health-indicator-paths", "readinessState");
    p.put("spring.grpc.server.health.actuator.update-initial-delay", "1s");
    p.put("spring.grpc.server.health.actuator.update-rate", "2s");
    grpcServerTls(env, p);
    httpServerTls(env, p);
    p.put("logging.level.root", logLevel(env.getProperty("thanos.log.level", "info")));
    p.put("logging.structured.format.console", "json".equals(env.getProperty("thanos.log.format"))
        ? ThanosJsonLogFormatter.class.getName() : ThanosLogfmtFormatter.class.getName());
    p.put("spring.main.banner-mode", "off");
    // Thanos' own http_requests_total family replaces Boot's http_server_requests
    p.put("management.observations.enable.http.server.requests", "false");
    p.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics");
    p.put("management.endpoint.health.probes.enabled", "true");
    p.put("management.endpoint.health.show-details", "always");
    p.put("management.endpoint.health.show-components", "always");
    env.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, p));
  }

  /**
   * {@code --grpc-server-tls-cert/-key/-client-ca/-min-version} as a Spring SSL bundle for Spring gRPC's server:
   * TLS when a certificate is given, client certificates required (mutual TLS) when a client CA is. The minimum
   * version is enforced per call (TlsMinVersionInterceptor). The bundle itself is {@link GrpcServerTlsBundle},
   * whose managers re-read renewed files.
   */
  private static void grpcServerTls(ConfigurableEnvironment env, Map<String, Object> p) {
    String cert = env.getProperty("thanos.grpc.server-tls-cert", "");
    String key = env.getProperty("thanos.grpc.server-tls-key", "");
    if (cert.isEmpty() || key.isEmpty()) {
      return; // no TLS, or half of it, which ThanosProperties' validation refuses naming both flags
    }
    String clientCa = env.getProperty("thanos.grpc.server-tls-client-ca", "");
    if (!clientCa.isEmpty()) {
      p.put("spring.grpc.server.ssl.client-auth", "require");
    }
    p.put("spring.grpc.server.ssl.enabled", "true");
    p.put("spring.grpc.server.ssl.bundle", GRPC_SERVER_BUNDLE);
  }

  /**
   * The {@code tls_server_config} of {@code --http.config} as a Spring SSL bundle for the HTTP server (client
   * certificates required or verified when given, protocols from {@code min_version} up). A file that does not
   * parse stops start-up here, naming the flag, the file and the problem.
   */
  private static void httpServerTls(ConfigurableEnvironment env, Map<String, Object> p) {
    String file = env.getProperty("thanos.http.config", "");
    if (file.isEmpty()) {
      return;
    }
    WebConfig web;
    try {
      web = WebConfig.load(Path.of(file));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("--" + FlagNames.HTTP_CONFIG + ": " + e.getMessage(), e);
    }
    if (web.tls() == null) {
      return;
    }
    String bundle = "spring.ssl.bundle.pem." + HTTP_SERVER_BUNDLE;
    p.put(bundle + ".keystore.certificate", "file:" + web.tls().certFile());
    p.put(bundle + ".keystore.private-key", "file:" + web.tls().keyFile());
    p.put(bundle + ".options.enabled-protocols", String.join(",", web.tls().protocols()));
    p.put(bundle + ".reload-on-update", "true"); // Spring Boot's web server swaps in renewed files
    if (web.tls().clientAuth() != WebConfig.ClientAuth.NONE) {
      p.put(bundle + ".truststore.certificate", "file:" + web.tls().clientCaFile());
      p.put("server.ssl.client-auth", web.tls().clientAuth() == WebConfig.ClientAuth.REQUIRE_AND_VERIFY
          ? "need" : "want");
    }
    p.put("server.ssl.bundle", HTTP_SERVER_BUNDLE);
  }

  private static Duration duration(ConfigurableEnvironment env, String key, Duration fallback) {
    String v = env.getProperty(key);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return new PromDurationConverter().convert(v);
    } catch (RuntimeException e) {
      return fallback; // binding of ThanosProperties reports the bad value
    }
  }

  private static String millis(Duration d) {
    return d.toMillis() + "ms";
  }

  static String logLevel(String thanosLevel) {
    return switch (thanosLevel.toLowerCase(Locale.ROOT)) {
      case "error" -> "ERROR";
      case "warn" -> "WARN";
      case "debug" -> "DEBUG";
      default -> "INFO";
    };
  }

}
