package io.thanosjvm.api;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thanos' concurrent query gate ({@code --query.max-concurrent}): at most N queries evaluate at once, the
 * rest wait. Exposes {@code thanos_query_concurrent_gate_queries_in_flight} and
 * {@code thanos_query_concurrent_gate_queries_max}.
 */
public final class QueryGate {

  private final Semaphore permits;
  private final AtomicInteger inFlight = new AtomicInteger();

  /** A gate of {@code max} permits, with its gauges registered in {@code registry}. */
  public QueryGate(int max, MeterRegistry registry) {
    if (max < 1) {
      throw new IllegalArgumentException("query.max-concurrent must be at least 1, got " + max);
    }
    this.permits = new Semaphore(max, true);
    Gauge.builder("thanos_query_concurrent_gate_queries_in_flight", inFlight, AtomicInteger::get)
        .description("Number of queries that are currently in flight.").register(registry);
    Gauge.builder("thanos_query_concurrent_gate_queries_max", () -> max)
        .description("Maximum number of concurrent queries.").register(registry);
  }

  /** Runs {@code action} once a permit is free. */
  public ApiResponse run(java.util.function.Supplier<ApiResponse> action) {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ApiResponse.error(ApiError.CANCELED, "query canceled while waiting in the query queue");
    }
    inFlight.incrementAndGet();
    try {
      return action.get();
    } finally {
      inFlight.decrementAndGet();
      permits.release();
    }
  }
}
