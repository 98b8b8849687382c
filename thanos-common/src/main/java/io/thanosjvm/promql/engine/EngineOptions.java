package io.thanosjvm.promql.engine;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Engine settings.
 *
 * @param lookbackDelta how far back an instant selector looks for a sample (Prometheus default 5m)
 * @param maxSamples the most samples a query may hold in memory at once
 * @param timeout the longest a query may run
 * @param defaultSubqueryStep the step of {@code [range:]} subqueries (Prometheus default 1m)
 * @param clock the time source for timeouts
 */
public record EngineOptions(Duration lookbackDelta, long maxSamples, Duration timeout, Duration defaultSubqueryStep,
    InstantSource clock) {

  /** Validates. */
  public EngineOptions {
    Objects.requireNonNull(lookbackDelta, "lookbackDelta");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(defaultSubqueryStep, "defaultSubqueryStep");
    Objects.requireNonNull(clock, "clock");
    if (lookbackDelta.isNegative() || lookbackDelta.isZero()) {
      throw new IllegalArgumentException("lookback delta must be positive");
    }
    if (maxSamples <= 0) {
      throw new IllegalArgumentException("max samples must be positive");
    }
    if (defaultSubqueryStep.toMillis() <= 0) {
      throw new IllegalArgumentException("default subquery step must be positive");
    }
  }

  /** Prometheus' defaults: 5m lookback, 50M samples, 2m timeout, 1m subquery step, system clock. */
  public static EngineOptions defaults() {
    return new EngineOptions(Duration.ofMinutes(5), 50_000_000, Duration.ofMinutes(2), Duration.ofMinutes(1),
        InstantSource.system());
  }

  /** A copy with another sample limit. */
  public EngineOptions withMaxSamples(long max) {
    return new EngineOptions(lookbackDelta, max, timeout, defaultSubqueryStep, clock);
  }

  /** A copy with another timeout. */
  public EngineOptions withTimeout(Duration t) {
    return new EngineOptions(lookbackDelta, maxSamples, t, defaultSubqueryStep, clock);
  }

  /** A copy with another lookback delta (engines are cheap: make one per query for a per-query lookback). */
  public EngineOptions withLookbackDelta(Duration d) {
    return new EngineOptions(d, maxSamples, timeout, defaultSubqueryStep, clock);
  }

  /** A copy with another default subquery step. */
  public EngineOptions withDefaultSubqueryStep(Duration d) {
    return new EngineOptions(lookbackDelta, maxSamples, timeout, d, clock);
  }

  /** A copy with another clock. */
  public EngineOptions withClock(InstantSource c) {
    return new EngineOptions(lookbackDelta, maxSamples, timeout, defaultSubqueryStep, c);
  }
}
