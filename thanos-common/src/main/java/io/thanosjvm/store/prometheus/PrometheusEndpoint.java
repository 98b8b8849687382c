package io.thanosjvm.store.prometheus;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where a Prometheus listens and how long one HTTP call to it may take.
 *
 * @param baseUrl e.g. {@code http://localhost:9090} (no trailing slash needed)
 * @param timeout per-request timeout
 */
public record PrometheusEndpoint(URI baseUrl, Duration timeout) {

  /** Validates the endpoint. */
  public PrometheusEndpoint {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(timeout, "timeout");
    if (baseUrl.getScheme() == null || !(baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https"))) {
      throw new IllegalArgumentException("prometheus.url must be http(s)://host:port, got " + baseUrl);
    }
  }

  /** The URI of an API path such as {@code /api/v1/read}. */
  public URI resolve(String pathAndQuery) {
    String base = baseUrl.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + pathAndQuery);
  }
}
