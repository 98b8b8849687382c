package io.thanosjvm.rules;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One Alertmanager the ruler sends alerts to: from {@code --alertmanagers.url} (with
 * {@code --alertmanagers.send-timeout}) or an entry of {@code --alertmanagers.config} (its {@code timeout} and
 * {@code http_config}).
 *
 * @param url the base URL, path prefix included ({@code /api/v2/alerts} is appended)
 * @param http authentication and trust for its requests
 * @param timeout the longest one send may take
 */
public record AlertmanagerTarget(URI url, HttpClientConfig http, Duration timeout) {

  /** Validates the target. */
  public AlertmanagerTarget {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("alertmanager timeout must be positive");
    }
  }
}
