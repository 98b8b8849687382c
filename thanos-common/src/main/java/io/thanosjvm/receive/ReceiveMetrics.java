package io.thanosjvm.receive;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Receive's metrics under Thanos' names: {@code thanos_receive_forward_requests_total{result}}, {@code
 * thanos_receive_replications_total{result}}, {@code thanos_receive_replication_factor}, {@code
 * thanos_receive_hashring_nodes}, {@code thanos_receive_write_timeseries} and {@code thanos_receive_write_samples}
 * (summaries by {@code code} and {@code tenant}), {@code thanos_receive_head_series_limited_requests_total{tenant}}
 * (Micrometer names without {@code _total}; the Prometheus registry appends it).
 */
public final class ReceiveMetrics {

  private final MeterRegistry registry;
  private final Counter forwardOk;
  private final Counter forwardFailed;
  private final Counter replicationsOk;
  private final Counter replicationsFailed;
  private final AtomicInteger hashringNodes = new AtomicInteger();

  /** Registers the meters in {@code registry}. */
  public ReceiveMetrics(MeterRegistry registry, int replicationFactor) {
    this.registry = registry;
    forwardOk = forward(registry, "success");
    forwardFailed = forward(registry, "error");
    replicationsOk = replications(registry, "success");
    replicationsFailed = replications(registry, "error");
    Gauge.builder("thanos_receive_replication_factor", () -> replicationFactor)
        .description("number of replicas each timeseries must be stored on").register(registry);
    Gauge.builder("thanos_receive_hashring_nodes", hashringNodes, AtomicInteger::get)
        .description("The number of nodes per hashring.").tag("name", "").register(registry);
  }

  private static Counter forward(MeterRegistry r, String result) {
    return Counter.builder("thanos_receive_forward_requests").description("The number of forward requests.")
        .tag("result", result).register(r);
  }

  private static Counter replications(MeterRegistry r, String result) {
    return Counter.builder("thanos_receive_replications").description("The number of replication operations done "
        + "by the receiver. The success of replication is fulfilled when a quorum is met.").tag("result", result)
        .register(r);
  }

  void forwarded(boolean ok) {
    (ok ? forwardOk : forwardFailed).increment();
  }

  void replicated(boolean ok) {
    (ok ? replicationsOk : replicationsFailed).increment();
  }

  /** Notes the current hashring's size. */
  public void hashringNodes(int n) {
    hashringNodes.set(n);
  }

  /** Records a request's series and samples with its HTTP status. */
  public void written(String tenant, int code, long series, long samples) {
    DistributionSummary.builder("thanos_receive_write_timeseries")
        .description("The number of timeseries received in the incoming write requests.")
        .tags("code", Integer.toString(code), "tenant", tenant).register(registry).record(series);
    DistributionSummary.builder("thanos_receive_write_samples")
        .description("The number of sampled received in the incoming write requests.")
        .tags("code", Integer.toString(code), "tenant", tenant).register(registry).record(samples);
  }

  /** Counts a request refused by the head series limit. */
  public void headSeriesLimited(String tenant) {
    Counter.builder("thanos_receive_head_series_limited_requests")
        .description("The total number of remote write requests that have been dropped due to active series "
            + "limiting.").tag("tenant", tenant).register(registry).increment();
  }
}
