package io.thanosjvm.objstore.config;

import io.thanosjvm.yaml.YamlNode;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code http_config} block shared by S3, GCS and Azure, with Thanos' defaults. A zero duration or
 * count means "use the default".
 *
 * @param idleConnTimeout how long an idle pooled connection is kept (1m30s)
 * @param responseHeaderTimeout longest wait for the response to a request, also used as socket read
 *     timeout (2m)
 * @param insecureSkipVerify skip verifying server certificates
 * @param tlsHandshakeTimeout TLS handshake bound, also used as connect timeout (10s)
 * @param expectContinueTimeout wait for {@code 100 Continue} (1s; informational here)
 * @param maxIdleConns pooled idle connections (100)
 * @param maxIdleConnsPerHost pooled idle connections per host (100)
 * @param maxConnsPerHost connection cap per host, 0 = unlimited
 * @param tlsConfig TLS settings
 * @param disableCompression do not ask for compressed responses
 */
public record HttpConfig(
    Duration idleConnTimeout,
    Duration responseHeaderTimeout,
    boolean insecureSkipVerify,
    Duration tlsHandshakeTimeout,
    Duration expectContinueTimeout,
    int maxIdleConns,
    int maxIdleConnsPerHost,
    int maxConnsPerHost,
    TlsConfig tlsConfig,
    boolean disableCompression) {

  /** Validates the block. */
  public HttpConfig {
    Objects.requireNonNull(idleConnTimeout, "idleConnTimeout");
    Objects.requireNonNull(responseHeaderTimeout, "responseHeaderTimeout");
    Objects.requireNonNull(tlsHandshakeTimeout, "tlsHandshakeTimeout");
    Objects.requireNonNull(expectContinueTimeout, "expectContinueTimeout");
    Objects.requireNonNull(tlsConfig, "tlsConfig");
    if (maxIdleConns < 0 || maxIdleConnsPerHost < 0 || maxConnsPerHost < 0) {
      throw new IllegalArgumentException("connection counts must not be negative");
    }
  }

  /** Thanos' defaults ({@code exthttp.DefaultHTTPConfig}). */
  public static HttpConfig defaults() {
    return new HttpConfig(Duration.ofSeconds(90), Duration.ofMinutes(2), false, Duration.ofSeconds(10),
        Duration.ofSeconds(1), 100, 100, 0, new TlsConfig("", "", "", "", false), false);
  }

  /** Returns the response timeout, the default when configured as zero. */
  public Duration effectiveResponseTimeout() {
    return responseHeaderTimeout.isZero() ? Duration.ofMinutes(2) : responseHeaderTimeout;
  }

  /** Returns the connect timeout, the default when configured as zero. */
  public Duration effectiveConnectTimeout() {
    return tlsHandshakeTimeout.isZero() ? Duration.ofSeconds(10) : tlsHandshakeTimeout;
  }

  /** Returns the idle connection time-to-live, the default when configured as zero. */
  public Duration effectiveIdleTimeout() {
    return idleConnTimeout.isZero() ? Duration.ofSeconds(90) : idleConnTimeout;
  }

  /** Returns the pool size, the default when configured as zero. */
  public int effectiveMaxConnections() {
    if (maxConnsPerHost > 0) {
      return maxConnsPerHost;
    }
    return maxIdleConnsPerHost > 0 ? maxIdleConnsPerHost : 100;
  }

  /** Returns whether server certificates go unchecked (either switch). */
  public boolean skipVerify() {
    return insecureSkipVerify || tlsConfig.insecureSkipVerify();
  }

  /** Reads the block from {@code node}, Thanos' defaults for absent keys. */
  static HttpConfig read(YamlNode node, boolean strict) {
    HttpConfig d = defaults();
    HttpConfig http =
        new HttpConfig(
            node.promDuration("idle_conn_timeout", d.idleConnTimeout),
            node.promDuration("response_header_timeout", d.responseHeaderTimeout),
            node.bool("insecure_skip_verify", false),
            node.promDuration("tls_handshake_timeout", d.tlsHandshakeTimeout),
            node.promDuration("expect_continue_timeout", d.expectContinueTimeout),
            node.integer("max_idle_conns", d.maxIdleConns),
            node.integer("max_idle_conns_per_host", d.maxIdleConnsPerHost),
            node.integer("max_conns_per_host", d.maxConnsPerHost),
            TlsConfig.read(node.child("tls_config"), strict),
            node.bool("disable_compression", false));
    node.finish(strict);
    return http;
  }
}
