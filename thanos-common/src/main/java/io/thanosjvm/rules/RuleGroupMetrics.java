package io.thanosjvm.rules;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The metrics of one rule group, with Prometheus' rule manager names and labels ({@code rule_group="<file>;<name>"})
 * plus the {@code strategy} label Thanos' ruler adds (one Prometheus manager per partial response strategy):
 * evaluations and failures, iterations scheduled and missed, interval, last evaluation time, duration and sample
 * count, rule count; and the shared duration summaries. Removed with the group.
 */
public final class RuleGroupMetrics {

  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();
  private final Counter evaluations;
  private final Counter failures;
  private final Counter iterations;
  private final Counter missed;
  private final Timer ruleDuration;
  private final Timer groupDuration;
  private final AtomicLong lastEvalNanos = new AtomicLong();
  private final AtomicLong lastDurationNanos = new AtomicLong();
  private final AtomicLong lastSamples = new AtomicLong();

  /** The metrics of {@code group}, run every {@code intervalMillis}. */
  public RuleGroupMetrics(MeterRegistry registry, RuleGroup group, long intervalMillis) {
    this.registry = registry;
    String strategy = group.partialResponseStrategy().name().toLowerCase(Locale.ROOT);
    Tags tags = Tags.of("rule_group", group.key(), "strategy", strategy);
    evaluations = add(Counter.builder("prometheus_rule_evaluations_total")
        .description("The total number of rule evaluations.").tags(tags).register(registry));
    failures = add(Counter.builder("prometheus_rule_evaluation_failures_total")
        .description("The total number of rule evaluation failures.").tags(tags).register(registry));
    iterations = add(Counter.builder("prometheus_rule_group_iterations_total")
        .description("The total number of scheduled rule group evaluations, whether executed or missed.")
        .tags(tags).register(registry));
    missed = add(Counter.builder("prometheus_rule_group_iterations_missed_total")
        .description("The total number of rule group evaluations missed due to slow rule group evaluation.")
        .tags(tags).register(registry));
    double interval = intervalMillis / 1000.0;
    add(Gauge.builder("prometheus_rule_group_interval_seconds", () -> interval)
        .description("The interval of a rule group.").tags(tags).register(registry));
    add(Gauge.builder("prometheus_rule_group_last_evaluation_timestamp_seconds", lastEvalNanos,
        n -> n.get() == 0 ? -62135596800.0 : n.get() / 1e9)
        .description("The timestamp of the last rule group evaluation in seconds.").tags(tags).register(registry));
    add(Gauge.builder("prometheus_rule_group_last_duration_seconds", lastDurationNanos, n -> n.get() / 1e9)
        .description("The duration of the last rule group evaluation.").tags(tags).register(registry));
    int rules = group.rules().size();
    add(Gauge.builder("prometheus_rule_group_rules", () -> rules)
        .description("The number of rules.").tags(tags).register(registry));
    add(Gauge.builder("prometheus_rule_group_last_evaluation_samples", lastSamples, AtomicLong::get)
        .description("The number of samples returned during the last rule group evaluation.").tags(tags)
        .register(registry));
    ruleDuration = Timer.builder("prometheus_rule_evaluation_duration_seconds")
        .description("The duration for a rule to execute.").tags("strategy", strategy)
        .publishPercentiles(0.5, 0.9, 0.99).register(registry);
    groupDuration = Timer.builder("prometheus_rule_group_duration_seconds")
        .description("The duration of rule group evaluations.").tags("strategy", strategy)
        .publishPercentiles(0.01, 0.05, 0.5, 0.9, 0.99).register(registry);
  }

  private <M extends Meter> M add(M m) {
    meters.add(m);
    return m;
  }

  /** A scheduled iteration, {@code missedBefore} of them skipped before it. */
  public void iteration(long missedBefore) {
    iterations.increment(1 + missedBefore);
    if (missedBefore > 0) {
      missed.increment(missedBefore);
    }
  }

  /** One rule evaluated, failed or not, in {@code nanos}. */
  public void ruleEvaluated(boolean failed, long nanos) {
    evaluations.increment();
    if (failed) {
      failures.increment();
    }
    ruleDuration.record(Duration.ofNanos(nanos));
  }

  /** The group evaluated, starting at {@code startNanos} (epoch) and taking {@code nanos}. */
  public void groupEvaluated(long startNanos, long nanos, int samples) {
    lastEvalNanos.set(startNanos);
    lastDurationNanos.set(nanos);
    lastSamples.set(samples);
    groupDuration.record(Duration.ofNanos(nanos));
  }

  /** Removes the group's own meters (the shared summaries stay). */
  public void remove() {
    meters.forEach(registry::remove);
  }
}
