package io.thanosjvm.autoconfigure;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of {@code thanos sidecar}, under {@code thanos.sidecar.*} (flags {@code --prometheus.url},
 * {@code --prometheus.ready_timeout}, {@code --prometheus.get_config_interval}, ...).
 */
@ConfigurationProperties("thanos.sidecar")
@Validated
public class ThanosSidecarProperties {

  /** URL at which to reach Prometheus' API. */
  @NotNull
  private URI prometheusUrl = URI.create("http://localhost:9090");

  /** Maximum time to wait for Prometheus to be ready (and to have external labels) at start-up. */
  private Duration prometheusReadyTimeout = Duration.ofMinutes(10);

  /** How often to re-read Prometheus' configuration (external labels) and readiness. */
  private Duration getConfigInterval = Duration.ofSeconds(30);

  /** Timeout of each request to Prometheus. */
  private Duration getConfigTimeout = Duration.ofSeconds(30);

  /** Data directory of Prometheus' TSDB (where the shipper will look for blocks). */
  private String tsdbPath = "./data";

  /** The Prometheus URL. */
  public URI getPrometheusUrl() {
    return prometheusUrl;
  }

  /** Sets the Prometheus URL. */
  public void setPrometheusUrl(URI prometheusUrl) {
    this.prometheusUrl = prometheusUrl;
  }

  /** The ready timeout. */
  public Duration getPrometheusReadyTimeout() {
    return prometheusReadyTimeout;
  }

  /** Sets the ready timeout. */
  public void setPrometheusReadyTimeout(Duration prometheusReadyTimeout) {
    this.prometheusReadyTimeout = prometheusReadyTimeout;
  }

  /** The configuration refresh interval. */
  public Duration getGetConfigInterval() {
    return getConfigInterval;
  }

  /** Sets the configuration refresh interval. */
  public void setGetConfigInterval(Duration getConfigInterval) {
    this.getConfigInterval = getConfigInterval;
  }

  /** The per-request timeout. */
  public Duration getGetConfigTimeout() {
    return getConfigTimeout;
  }

  /** Sets the per-request timeout. */
  public void setGetConfigTimeout(Duration getConfigTimeout) {
    this.getConfigTimeout = getConfigTimeout;
  }

  /** The TSDB path. */
  public String getTsdbPath() {
    return tsdbPath;
  }

  /** Sets the TSDB path. */
  public void setTsdbPath(String tsdbPath) {
    this.tsdbPath = tsdbPath;
  }
}
