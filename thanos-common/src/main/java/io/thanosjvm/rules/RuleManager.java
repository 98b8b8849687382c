package io.thanosjvm.rules;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.promql.storage.Queryable;
import io.thanosjvm.wire.storepb.PartialResponseStrategy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ruler's rule manager, as Prometheus' (one per partial response strategy in Thanos, here one holding both): it
 * loads the {@code --rule-file} patterns, runs each group with a {@link RuleGroupRunner}, and on reload keeps groups
 * whose definition did not change running untouched, starts changed ones with the state of their predecessor
 * (alerts, last series), and stops removed ones, writing stale markers for their series two intervals later. A
 * reload with a bad file changes nothing: the previous rules keep running. Groups loaded at start-up restore their
 * alerts' {@code for} state from {@code ALERTS_FOR_STATE}. Thanos' metrics
 * {@code thanos_rule_config_last_reload_successful}, {@code thanos_rule_config_last_reload_success_timestamp_seconds}
 * and {@code thanos_rule_loaded_rules{strategy}}.
 */
public final class RuleManager implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RuleManager.class);

  private final RuleManagerSettings settings;
  private final RuleQuery query;
  private final SampleSink sink;
  private final RuleNotifier notifier;
  private final Queryable restoreStorage;
  private final MeterRegistry registry;
  private final InstantSource clock;
  private final ScheduledExecutorService executor;
  private final Map<String, RuleGroupRunner> running = new LinkedHashMap<>();
  private final AtomicLong lastReloadOk = new AtomicLong(0);
  private final AtomicLong lastReloadOkSeconds = new AtomicLong(0);
  private final Map<PartialResponseStrategy, AtomicLong> loadedRules = new EnumMap<>(PartialResponseStrategy.class);
  private boolean restored;
  private boolean closed;

  /**
   * A manager with no groups yet.
   *
   * @param query the query path rules evaluate through
   * @param sink where results are written
   * @param notifier where alerts go, or null to send none
   * @param restoreStorage where the {@code for} state is restored from at start-up, or null to restore nothing
   * @param executor runs the groups' evaluations (and is not shut down by the manager)
   */
  public RuleManager(RuleManagerSettings settings, RuleQuery query, SampleSink sink, RuleNotifier notifier,
      Queryable restoreStorage, MeterRegistry registry, InstantSource clock, ScheduledExecutorService executor) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.query = Objects.requireNonNull(query, "query");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.notifier = notifier;
    this.restoreStorage = restoreStorage;
    this.registry = registry;
    this.clock = clock;
    this.executor = executor;
    Gauge.builder("thanos_rule_config_last_reload_successful", lastReloadOk, AtomicLong::get)
        .description("Whether the last configuration reload attempt was successful.").register(registry);
    Gauge.builder("thanos_rule_config_last_reload_success_timestamp_seconds", lastReloadOkSeconds, AtomicLong::get)
        .description("Timestamp of the last successful configuration reload.").register(registry);
    for (PartialResponseStrategy s : List.of(PartialResponseStrategy.WARN, PartialResponseStrategy.ABORT)) {
      AtomicLong n = new AtomicLong();
      loadedRules.put(s, n);
      Gauge.builder("thanos_rule_loaded_rules", n, AtomicLong::get).description("Loaded rules partitioned by file "
          + "and group.").tag("strategy", s.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
    }
  }

  /**
   * Loads the files matched by {@code patterns} and applies them.
   *
   * @throws RuleFileException when a file cannot be read or is invalid; the running groups are then unchanged
   */
  public void reload(List<String> patterns) {
    List<RuleGroup> groups = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try {
      for (Path f : RuleFiles.expand(patterns)) {
        String content;
        try {
          content = Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
          problems.add(f + ": " + e.getMessage());
          continue;
        }
        try {
          groups.addAll(RuleFileParser.parse(f.toString(), content));
        } catch (RuleFileException e) {
          problems.add(e.getMessage());
        }
      }
    } catch (IOException e) {
      problems.add(e.getMessage());
    }
    if (!problems.isEmpty()) {
      lastReloadOk.set(0);
      LOG.error("error loading rules, previous rule set restored: {}", String.join("; ", problems));
      throw new RuleFileException("error loading rules, previous rule set restored", problems);
    }
    update(groups);
  }

  /** Applies {@code groups} as the new rule set. */
  public synchronized void update(List<RuleGroup> groups) {
    if (closed) {
      throw new IllegalStateException("rule manager closed");
    }
    boolean shouldRestore = !restored && restoreStorage != null;
    Map<String, RuleGroupRunner> next = new LinkedHashMap<>();
    List<RuleGroupRunner> toStart = new ArrayList<>();
    for (RuleGroup g : groups) {
      RuleGroupRunner old = running.remove(g.key());
      if (old != null && sameDefinition(old.group(), g)) {
        next.put(g.key(), old);
        continue;
      }
      if (old != null) {
        old.stop();
        old.metrics().remove();
      }
      RuleGroupRunner r = newRunner(g, shouldRestore);
      if (old != null) {
        r.copyStateFrom(old);
      }
      next.put(g.key(), r);
      toStart.add(r);
    }
    for (RuleGroupRunner removed : running.values()) {
      removed.stop();
      removed.metrics().remove();
      long stoppedAt = clock.millis();
      long delay = 2 * removed.timing().intervalNanos();
      executor.schedule(() -> {
        synchronized (this) {
          if (closed) {
            return;
          }
        }
        removed.writeStaleMarkers(stoppedAt);
      }, delay, TimeUnit.NANOSECONDS);
    }
    running.clear();
    running.putAll(next);
    toStart.forEach(r -> r.start(executor));
    restored = true;
    loadedRules.values().forEach(n -> n.set(0));
    for (RuleGroupRunner r : running.values()) {
      loadedRules.get(r.group().partialResponseStrategy()).addAndGet(r.group().rules().size());
    }
    lastReloadOk.set(1);
    lastReloadOkSeconds.set(clock.millis() / 1000);
  }

  private RuleGroupRunner newRunner(RuleGroup g, boolean restore) {
    long interval = g.effectiveIntervalMillis(settings.evalIntervalMillis());
    EvalOptions options = new EvalOptions(g.effectiveQueryOffsetMillis(settings.queryOffsetMillis()),
        settings.resendDelayMillis(), interval, notifier != null);
    AlertTemplates templates = new PrometheusAlertTemplates(settings.externalLabels(), settings.externalUrl(),
        query, g.partialResponseStrategy());
    LongFunction<ForStateLookup> source = restore
        ? now -> new QueryableForStateLookup(restoreStorage, now, settings.outageToleranceMillis()) : null;
    return new RuleGroupRunner(g, interval, options, new RuleGroupMetrics(registry, g, interval), query, templates,
        sink, notifier, clock, source, settings.forGracePeriodMillis());
  }

  /** Whether two groups are defined alike (then a reload keeps the running one). */
  static boolean sameDefinition(RuleGroup a, RuleGroup b) {
    if (!a.file().equals(b.file()) || !a.name().equals(b.name()) || a.intervalMillis() != b.intervalMillis()
        || a.limit() != b.limit() || a.partialResponseStrategy() != b.partialResponseStrategy()
        || a.queryOffsetMillis() != b.queryOffsetMillis() || a.rules().size() != b.rules().size()) {
      return false;
    }
    for (int i = 0; i < a.rules().size(); i++) {
      if (!describe(a.rules().get(i)).equals(describe(b.rules().get(i)))) {
        return false;
      }
    }
    return true;
  }

  private static String describe(Rule r) {
    if (r instanceof RecordingRule rr) {
      return "record\u0000" + rr.name() + "\u0000" + rr.expr() + "\u0000" + rr.labels();
    }
    AlertingRule ar = (AlertingRule) r;
    return "alert\u0000" + ar.name() + "\u0000" + ar.expr() + "\u0000" + ar.forMillis() + "\u0000" + ar.labels()
        + "\u0000" + ar.annotations();
  }

  /** The running groups' states, in load order. */
  public List<GroupState> groups() {
    List<RuleGroupRunner> rs;
    synchronized (this) {
      rs = new ArrayList<>(running.values());
    }
    return rs.stream().map(RuleGroupRunner::state).toList();
  }

  /** Stops every group (no stale markers: the series stay until their data ends, as Prometheus on shutdown). */
  @Override
  public synchronized void close() {
    closed = true;
    running.values().forEach(RuleGroupRunner::stop);
  }
}
