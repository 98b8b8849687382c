package io.thanosjvm.rules;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.StaleMarker;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one rule group on Prometheus' schedule: it waits for the group's next slot ({@link GroupTiming}), evaluates,
 * then evaluates at every later slot, counting the slots it missed when an evaluation ran late; results go to the
 * {@link SampleSink}, alerts due to the {@link RuleNotifier}. A group started after a restart restores its alerts'
 * {@code for} state after its second evaluation (as Prometheus, so that recording rules it depends on have run).
 */
public final class RuleGroupRunner {

  private static final Logger LOG = LoggerFactory.getLogger(RuleGroupRunner.class);

  private final RuleGroup group;
  private final long intervalMillis;
  private final GroupTiming timing;
  private final EvalOptions options;
  private final RuleGroupEvaluator evaluator;
  private final RuleGroupMetrics metrics;
  private final RuleQuery query;
  private final AlertTemplates templates;
  private final SampleSink sink;
  private final RuleNotifier notifier;
  private final InstantSource clock;
  private final LongFunction<ForStateLookup> restoreSource;
  private final long gracePeriodMillis;
  private boolean needsRestore;
  private long lastEvalNanos;
  private int iterations;
  private long lastEvaluationMillis;
  private long lastDurationNanos;
  private ScheduledFuture<?> next;
  private volatile boolean stopped;

  /**
   * A runner for {@code group}.
   *
   * @param intervalMillis the interval it runs at
   * @param options query offset, resend delay and interval for the evaluations
   * @param notifier where alerts go, or null when the ruler sends none
   * @param restoreSource when not null, the {@code for} state is restored through the lookup it gives for a time
   * @param gracePeriodMillis {@code --for-grace-period}
   */
  public RuleGroupRunner(RuleGroup group, long intervalMillis, EvalOptions options, RuleGroupMetrics metrics,
      RuleQuery query, AlertTemplates templates, SampleSink sink, RuleNotifier notifier, InstantSource clock,
      LongFunction<ForStateLookup> restoreSource, long gracePeriodMillis) {
    this.group = group;
    this.intervalMillis = intervalMillis;
    this.timing = GroupTiming.of(group.file(), group.name(), intervalMillis);
    this.options = options;
    this.evaluator = new RuleGroupEvaluator(group, clock);
    this.metrics = metrics;
    this.query = query;
    this.templates = templates;
    this.sink = sink;
    this.notifier = notifier;
    this.clock = clock;
    this.restoreSource = restoreSource;
    this.gracePeriodMillis = gracePeriodMillis;
    if (restoreSource != null) {
      needsRestore = true;
      for (AlertingRuleState s : evaluator.alertingStates()) {
        if (s != null) {
          s.awaitRestore();
        }
      }
    }
  }

  /** The group. */
  public RuleGroup group() {
    return group;
  }

  /** Its timing. */
  public GroupTiming timing() {
    return timing;
  }

  /** Takes over the state of the same group's previous runner (a reload). */
  public synchronized void copyStateFrom(RuleGroupRunner old) {
    synchronized (old) {
      evaluator.copyState(old.evaluator);
      lastEvaluationMillis = old.lastEvaluationMillis;
      lastDurationNanos = old.lastDurationNanos;
    }
  }

  /** Schedules the first evaluation at the group's next slot, and every later one after it. */
  public synchronized void start(ScheduledExecutorService executor) {
    long now = nowNanos();
    long first = timing.firstEval(now);
    next = executor.schedule(() -> tick(executor, first), first - now, TimeUnit.NANOSECONDS);
  }

  private void tick(ScheduledExecutorService executor, long slot) {
    long ts;
    synchronized (this) {
      if (stopped) {
        return;
      }
      long missed = iterations == 0 ? 0 : timing.missed(lastEvalNanos, nowNanos());
      ts = iterations == 0 ? slot : lastEvalNanos + (missed + 1) * timing.intervalNanos();
      metrics.iteration(missed);
    }
    try {
      evaluateAt(ts);
    } catch (RuntimeException e) {
      LOG.error("rule group {} evaluation failed", group.key(), e);
    }
    synchronized (this) {
      if (stopped) {
        return;
      }
      long delay = ts + timing.intervalNanos() - nowNanos();
      next = executor.schedule(() -> tick(executor, 0), Math.max(0, delay), TimeUnit.NANOSECONDS);
    }
  }

  /** One iteration at the slot {@code tsNanos} (then the {@code for} state restore when it is due). */
  public synchronized void evaluateAt(long tsNanos) {
    long tsMillis = Math.floorDiv(tsNanos, 1_000_000L);
    long start = nowNanos();
    GroupEvaluation e = evaluator.evaluate(tsMillis, options, query, templates);
    List<RuleStatus> statuses = evaluator.statuses();
    for (int i = 0; i < statuses.size(); i++) {
      metrics.ruleEvaluated(e.failures().containsKey(i), statuses.get(i).evaluationNanos());
      if (e.failures().containsKey(i)) {
        LOG.warn("evaluating rule failed: group={} rule={} err={}", group.key(), group.rules().get(i).name(),
            e.failures().get(i));
      }
    }
    if (notifier != null) {
      for (Map.Entry<Integer, List<AlertNotification>> a : e.alerts().entrySet()) {
        notifier.notify(group.rules().get(a.getKey()).expr(), a.getValue());
      }
    }
    int written = e.samples().isEmpty() ? 0 : sink.append(e.evalMillis(), e.samples());
    long took = nowNanos() - start;
    lastEvalNanos = tsNanos;
    lastEvaluationMillis = Math.floorDiv(start, 1_000_000L);
    lastDurationNanos = took;
    iterations++;
    metrics.groupEvaluated(start, took, written);
    if (needsRestore && iterations >= 2) {
      restore();
    }
  }

  private void restore() {
    long now = clock.millis();
    ForStateLookup lookup = restoreSource.apply(now);
    for (AlertingRuleState s : evaluator.alertingStates()) {
      if (s != null) {
        s.restore(now, gracePeriodMillis, lookup);
      }
    }
    needsRestore = false;
  }

  /** Stops scheduling; an evaluation under way finishes. */
  public synchronized void stop() {
    stopped = true;
    if (next != null) {
      next.cancel(false);
    }
  }

  /** Stale markers at {@code tMillis} for every series the group wrote at its latest evaluation. */
  public synchronized void writeStaleMarkers(long tMillis) {
    List<SeriesValue> stale = new ArrayList<>();
    for (Labels l : evaluator.lastSeries()) {
      stale.add(new SeriesValue(l, StaleMarker.STALE_NAN));
    }
    if (!stale.isEmpty()) {
      sink.append(tMillis, stale);
    }
  }

  /** A copy of the group's state. */
  public synchronized GroupState state() {
    List<List<AlertView>> alerts = new ArrayList<>();
    for (AlertingRuleState s : evaluator.alertingStates()) {
      alerts.add(s == null ? List.of() : s.alerts().stream().map(AlertView::of).toList());
    }
    return new GroupState(group, intervalMillis, lastEvaluationMillis, lastDurationNanos, evaluator.statuses(),
        alerts);
  }

  /** The metrics of the group. */
  public RuleGroupMetrics metrics() {
    return metrics;
  }

  private long nowNanos() {
    Instant i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }
}
