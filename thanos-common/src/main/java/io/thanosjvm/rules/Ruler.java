package io.thanosjvm.rules;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.promql.storage.Queryable;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ruler's evaluation side assembled: rules loaded from {@code --rule-file}, evaluated through Query's HTTP API,
 * results written to a {@link SampleSink}, alerts queued to the Alertmanagers; reloadable. The ruler app wraps it
 * with its servers.
 */
public final class Ruler implements AutoCloseable {

  private final RulerConfig config;
  private final ScheduledThreadPoolExecutor executor;
  private final AlertQueue queue;
  private final RuleManager manager;

  private Ruler(RulerConfig config, ScheduledThreadPoolExecutor executor, AlertQueue queue, RuleManager manager) {
    this.config = config;
    this.executor = executor;
    this.queue = queue;
    this.manager = manager;
  }

  /**
   * Loads the rule files and starts evaluating.
   *
   * @param sink where results go (the local TSDB)
   * @param restoreStorage where the {@code for} state is restored from at start, or null
   * @throws RuleFileException when a rule file is bad (nothing is started then)
   */
  public static Ruler start(RulerConfig config, SampleSink sink, Queryable restoreStorage, MeterRegistry registry,
      InstantSource clock) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRuleQuery query = new HttpRuleQuery(config.queryEndpoints(), config.queryMethod(), config.queryTimeout(),
        http, registry);
    AlertQueue queue = null;
    RuleNotifier notifier = null;
    if (!config.alertmanagers().isEmpty()) {
      AlertmanagerSender sender = new AlertmanagerSender(config.alertmanagers(), http, registry);
      queue = new AlertQueue(10_000, 100, sender::send, registry);
      notifier = new RuleNotifier(config.labeling(), config.generatorUrl(), queue);
    }
    AtomicInteger n = new AtomicInteger();
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(config.evaluationThreads(), r -> {
      Thread t = new Thread(r, "rule-eval-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    RuleManager manager = new RuleManager(config.manager(), query, sink, notifier, restoreStorage, registry, clock,
        executor);
    try {
      manager.reload(config.ruleFiles());
    } catch (RuntimeException e) {
      manager.close();
      executor.shutdownNow();
      throw e;
    }
    if (queue != null) {
      queue.start();
    }
    return new Ruler(config, executor, queue, manager);
  }

  /**
   * Reloads the rule files ({@code POST /-/reload}, SIGHUP).
   *
   * @throws RuleFileException when a file is bad; the previous rules keep running
   */
  public void reload() {
    manager.reload(config.ruleFiles());
  }

  /** The running groups' states. */
  public List<GroupState> groups() {
    return manager.groups();
  }

  /** The configuration. */
  public RulerConfig config() {
    return config;
  }

  /** Stops evaluating and sends the alerts still queued. */
  @Override
  public void close() {
    manager.close();
    executor.shutdown();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
    if (queue != null) {
      queue.close();
    }
  }
}
