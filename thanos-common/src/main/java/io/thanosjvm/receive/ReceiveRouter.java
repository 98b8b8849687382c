package io.thanosjvm.receive;

import io.thanosjvm.model.Labels;
import io.thanosjvm.receive.hashring.Endpoint;
import io.thanosjvm.receive.hashring.Hashring;
import io.thanosjvm.receive.hashring.InsufficientNodesException;
import io.thanosjvm.wire.labelpb.Label;
import io.thanosjvm.wire.storepb.prompb.TimeSeries;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Where a tenant's series go, as Thanos' receive handler decides: an ingestor-only receiver stores everything
 * locally; otherwise every series is placed on the hashring once per replica to write ({@link Replication}), the
 * batches for the local endpoint are written locally and the others forwarded ({@link PeerWriter}) with the
 * replica set, and the call returns once every series reached its write quorum or can no longer reach it
 * ({@link QuorumTracker}), waiting at most the forward timeout for peers.
 */
public final class ReceiveRouter {

  /**
   * Routing settings.
   *
   * @param mode derived from the hashring and the local endpoint
   * @param localEndpoint {@code --receive.local-endpoint}, "" when not given
   * @param replicationFactor {@code --receive.replication-factor}
   * @param forwardTimeout {@code --receive-forward-timeout}
   */
  public record Settings(ReceiverMode mode, String localEndpoint, int replicationFactor, Duration forwardTimeout) {

    /** Validates. */
    public Settings {
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(localEndpoint, "localEndpoint");
      Objects.requireNonNull(forwardTimeout, "forwardTimeout");
      if (replicationFactor < 1) {
        throw new IllegalArgumentException("replication factor must be at least 1: " + replicationFactor);
      }
    }
  }

  private final Settings settings;
  private final Supplier<Optional<Hashring>> hashring;
  private final LocalWriter local;
  private final PeerWriter peers;
  private final ReceiveMetrics metrics;

  /**
   * A router.
   *
   * @param hashring the current hashring (empty until one is loaded)
   * @param local the local writer; null for a router-only receiver
   */
  public ReceiveRouter(Settings settings, Supplier<Optional<Hashring>> hashring, LocalWriter local, PeerWriter peers,
      ReceiveMetrics metrics) {
    this.settings = settings;
    this.hashring = hashring;
    this.local = local;
    this.peers = peers;
    this.metrics = metrics;
    if (local == null && settings.mode() != ReceiverMode.ROUTER_ONLY) {
      throw new IllegalArgumentException(settings.mode().thanosName() + " needs a local writer");
    }
  }

  /** The settings. */
  public Settings settings() {
    return settings;
  }

  /**
   * Writes one tenant's series.
   *
   * @param replicaHeader the request's replica (1-based, 0 when not replicated yet)
   * @throws WriteException when some series did not reach the quorum, with the prevailing cause
   */
  public void write(String tenant, long replicaHeader, List<TimeSeries> series) {
    Replication plan = Replication.plan(replicaHeader, settings.replicationFactor(), settings.mode());
    if (settings.mode() == ReceiverMode.INGESTOR_ONLY) {
      local.write(tenant, series);
      return;
    }
    Hashring ring = hashring.get().orElseThrow(() -> new WriteException(WriteErrorCause.NOT_READY,
        "target not ready: no hashring loaded yet"));
    SeriesDistribution<TimeSeries> dist;
    try {
      dist = SeriesDistribution.<TimeSeries>create().add(tenant, series, ReceiveRouter::hashLabels, ring,
          plan.replicas());
    } catch (InsufficientNodesException e) {
      throw new WriteException(WriteErrorCause.INTERNAL, e.getMessage());
    }
    QuorumTracker tracker = new QuorumTracker(dist.seriesCount(), plan.replicas().size(), plan.successThreshold());
    record Outcome(int[] ids, WriteException error) {}
    LinkedBlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
    int pending = 0;
    List<Runnable> localWrites = new java.util.ArrayList<>();
    for (Map.Entry<SeriesDistribution.Target, Map<String, SeriesDistribution.TenantBatch<TimeSeries>>> e
        : dist.batches().entrySet()) {
      Endpoint endpoint = e.getKey().endpoint();
      int replica = e.getKey().replica();
      for (Map.Entry<String, SeriesDistribution.TenantBatch<TimeSeries>> b : e.getValue().entrySet()) {
        int[] ids = b.getValue().ids();
        List<TimeSeries> batch = b.getValue().series();
        pending++;
        if (local != null && endpoint.address().equals(settings.localEndpoint())) {
          localWrites.add(() -> {
            try {
              local.write(b.getKey(), batch);
              outcomes.add(new Outcome(ids, null));
            } catch (WriteException x) {
              outcomes.add(new Outcome(ids, x));
            }
          });
        } else {
          CompletableFuture<Void> f = peers.write(endpoint, b.getKey(), replica, batch);
          f.whenComplete((ok, err) -> {
            metrics.forwarded(err == null);
            outcomes.add(new Outcome(ids, err == null ? null : asWriteException(endpoint, err)));
          });
        }
      }
    }
    localWrites.forEach(Runnable::run);
    long deadline = System.nanoTime() + settings.forwardTimeout().toNanos();
    try {
      while (pending > 0 && !tracker.decided()) {
        Outcome o = outcomes.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (o == null) {
          break; // timed out: the missing answers count as unavailable
        }
        pending--;
        if (o.error() == null) {
          tracker.succeeded(o.ids());
        } else {
          tracker.failed(o.ids(), o.error().writeCause(), o.error().getMessage());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WriteException(WriteErrorCause.UNAVAILABLE, "interrupted while waiting for replicas");
    }
    try {
      tracker.result();
      metrics.replicated(true);
    } catch (WriteException e) {
      metrics.replicated(false);
      throw e;
    }
  }

  private static WriteException asWriteException(Endpoint endpoint, Throwable err) {
    Throwable t = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    return t instanceof WriteException w ? w
        : new WriteException(WriteErrorCause.UNAVAILABLE, "forwarding to " + endpoint.address() + ": " + t);
  }

  /** The labels a series is placed by: as sent (sorted by a well-behaved client), leniently read. */
  static Labels hashLabels(TimeSeries ts) {
    int n = ts.getLabelsCount();
    String[] names = new String[n];
    String[] values = new String[n];
    boolean sorted = true;
    for (int i = 0; i < n; i++) {
      Label l = ts.getLabels(i);
      names[i] = l.getName();
      values[i] = l.getValue();
      if (names[i].isEmpty() || i > 0 && io.thanosjvm.model.Utf8Order.compare(names[i - 1], names[i]) >= 0) {
        sorted = false;
      }
    }
    if (sorted) {
      return Labels.fromSortedArrays(names, values);
    }
    Labels.Builder b = Labels.builder();
    for (int i = 0; i < n; i++) {
      if (!names[i].isEmpty() && !values[i].isEmpty()) {
        b.set(names[i], values[i]);
      }
    }
    return b.build();
  }
}
