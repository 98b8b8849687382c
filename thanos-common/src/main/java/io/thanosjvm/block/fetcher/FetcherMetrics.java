package io.thanosjvm.block.fetcher;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fetcher's metrics: gauge {@code thanos_blocks_meta_synced{state}} (one per {@link SyncState}),
 * counters {@code thanos_blocks_meta_syncs_total} and {@code thanos_blocks_meta_sync_failures_total}
 * (Micrometer names without {@code _total}; the Prometheus registry appends it).
 */
public final class FetcherMetrics {

  private final Map<SyncState, AtomicLong> synced = new EnumMap<>(SyncState.class);
  private final Counter syncs;
  private final Counter failures;

  /** Registers the meters in {@code registry}. */
  public FetcherMetrics(MeterRegistry registry) {
    for (SyncState s : SyncState.values()) {
      AtomicLong v = new AtomicLong();
      synced.put(s, v);
      Gauge.builder("thanos_blocks_meta_synced", v, AtomicLong::get)
          .description("Number of block metadata synced")
          .tag("state", s.label())
          .register(registry);
    }
    syncs = Counter.builder("thanos_blocks_meta_syncs").description("Total blocks metadata synchronization attempts")
        .register(registry);
    failures = Counter.builder("thanos_blocks_meta_sync_failures")
        .description("Total blocks metadata synchronization failures").register(registry);
  }

  /** Records one completed sync: sets every state gauge and counts the attempt (and failure). */
  void recordSync(SyncCounts counts, boolean failed) {
    counts.asMap().forEach((s, v) -> synced.get(s).set(v));
    syncs.increment();
    if (failed) {
      failures.increment();
    }
  }

  /** Records a sync that failed before producing counts (listing failed). */
  void recordFailedListing() {
    syncs.increment();
    failures.increment();
  }
}
