package io.thanosjvm.server.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Thanos' HTTP instrumentation families: {@code http_requests_total{code,handler,method}},
 * and {@code http_request_duration_seconds{code,handler,method}} (histogram with Thanos' buckets).
 */
public final class HttpRequestMetrics {

  private static final Duration[] BUCKETS = {
      Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMillis(300),
      Duration.ofMillis(600), Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(6),
      Duration.ofSeconds(9), Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60),
      Duration.ofSeconds(90), Duration.ofSeconds(120)};

  private final MeterRegistry registry;

  /** Metrics recorded into {@code registry}. */
  public HttpRequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Records a finished request; {@code method} is lower case as Go's promhttp writes it. */
  public void record(String handler, String method, int status, long durationNanos) {
    Tags tags = Tags.of("code", Integer.toString(status), "handler", handler, "method", method);
    registry.counter("http_requests", tags).increment();
    Timer.builder("http_request_duration").tags(tags).serviceLevelObjectives(BUCKETS)
        .register(registry).record(Duration.ofNanos(durationNanos));
  }
}
