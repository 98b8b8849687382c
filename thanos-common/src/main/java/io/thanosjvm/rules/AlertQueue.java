package io.thanosjvm.rules;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Thanos' alert queue between the rule evaluations and the Alertmanagers: alerts are pushed with their labels
 * already processed ({@link AlertLabeling}); when full, the oldest are dropped; a dispatcher thread pops batches of
 * at most {@code maxBatch} and hands them to the senders. Metrics {@code thanos_alert_queue_alerts_pushed_total},
 * {@code _popped_total}, {@code _dropped_total}, {@code thanos_alert_queue_capacity}, {@code _length}.
 */
public final class AlertQueue implements AutoCloseable {

  private final int capacity;
  private final int maxBatch;
  private final ArrayDeque<AlertNotification> queue = new ArrayDeque<>();
  private final Counter pushed;
  private final Counter popped;
  private final Counter dropped;
  private final Predicate<List<AlertNotification>> send;
  private Thread dispatcher;
  private boolean closed;

  /**
   * A queue feeding {@code send} (true when at least one Alertmanager took the batch).
   *
   * @param capacity the most alerts waiting
   * @param maxBatch the most alerts in one send
   */
  public AlertQueue(int capacity, int maxBatch, Predicate<List<AlertNotification>> send, MeterRegistry registry) {
    if (capacity <= 0 || maxBatch <= 0) {
      throw new IllegalArgumentException("capacity and batch size must be positive");
    }
    this.capacity = capacity;
    this.maxBatch = maxBatch;
    this.send = send;
    pushed = Counter.builder("thanos_alert_queue_alerts_pushed_total")
        .description("Total number of alerts pushed to queue.").register(registry);
    popped = Counter.builder("thanos_alert_queue_alerts_popped_total")
        .description("Total number of alerts popped from queue.").register(registry);
    dropped = Counter.builder("thanos_alert_queue_alerts_dropped_total")
        .description("Total number of alerts that were dropped from queue.").register(registry);
    Gauge.builder("thanos_alert_queue_capacity", () -> capacity).description("Capacity of the alert queue.")
        .register(registry);
    Gauge.builder("thanos_alert_queue_length", this, AlertQueue::length)
        .description("Length of the alert queue.").register(registry);
  }

  /** Starts the dispatcher thread. */
  public synchronized void start() {
    if (dispatcher != null) {
      return;
    }
    dispatcher = new Thread(this::dispatch, "alert-queue-dispatcher");
    dispatcher.setDaemon(true);
    dispatcher.start();
  }

  /** Queues alerts, dropping the oldest beyond the capacity. */
  public synchronized void push(List<AlertNotification> alerts) {
    if (alerts.isEmpty()) {
      return;
    }
    pushed.increment(alerts.size());
    queue.addAll(alerts);
    int over = queue.size() - capacity;
    for (int i = 0; i < over; i++) {
      queue.pollFirst();
    }
    if (over > 0) {
      dropped.increment(over);
    }
    notifyAll();
  }

  /** How many alerts wait. */
  public synchronized int length() {
    return queue.size();
  }

  /** Sends everything queued now, on the caller's thread (tests and shutdown). */
  public void drain() {
    List<AlertNotification> batch;
    while (!(batch = pop(false)).isEmpty()) {
      send.test(batch);
    }
  }

  private synchronized List<AlertNotification> pop(boolean wait) {
    while (wait && queue.isEmpty() && !closed) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
    List<AlertNotification> out = new ArrayList<>(Math.min(maxBatch, queue.size()));
    while (out.size() < maxBatch && !queue.isEmpty()) {
      out.add(queue.pollFirst());
    }
    popped.increment(out.size());
    return out;
  }

  private void dispatch() {
    while (true) {
      List<AlertNotification> batch = pop(true);
      if (batch.isEmpty()) {
        synchronized (this) {
          if (closed || Thread.currentThread().isInterrupted()) {
            return;
          }
        }
        continue;
      }
      try {
        send.test(batch);
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(AlertQueue.class).error("sending alerts failed", e);
      }
    }
  }

  /** Stops the dispatcher after sending what is queued. */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      closed = true;
      notifyAll();
      t = dispatcher;
    }
    if (t != null) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    drain();
  }
}
