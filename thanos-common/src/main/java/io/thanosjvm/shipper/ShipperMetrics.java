package io.thanosjvm.shipper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thanos' shipper metrics: counters {@code thanos_shipper_dir_syncs_total}, {@code _dir_sync_failures_total},
 * {@code _uploads_total}, {@code _upload_failures_total}, {@code _corrupted_blocks_total} (Micrometer names
 * without {@code _total}; the Prometheus registry appends it) and, only when compacted blocks are uploaded,
 * the gauge {@code thanos_shipper_upload_compacted_done} (1 once a sync finished without failures).
 */
public final class ShipperMetrics {

  private final Counter dirSyncs;
  private final Counter dirSyncFailures;
  private final Counter uploads;
  private final Counter uploadFailures;
  private final Counter corruptedBlocks;
  private final AtomicInteger uploadCompactedDone = new AtomicInteger();

  /**
   * Registers the meters in {@code registry}.
   *
   * @param uploadCompacted whether to register {@code thanos_shipper_upload_compacted_done} (as Thanos does
   *     only with {@code --shipper.upload-compacted})
   */
  public ShipperMetrics(MeterRegistry registry, boolean uploadCompacted) {
    dirSyncs = Counter.builder("thanos_shipper_dir_syncs").description("Total number of dir syncs")
        .register(registry);
    dirSyncFailures = Counter.builder("thanos_shipper_dir_sync_failures")
        .description("Total number of failed dir syncs").register(registry);
    uploads = Counter.builder("thanos_shipper_uploads").description("Total number of uploaded blocks")
        .register(registry);
    uploadFailures = Counter.builder("thanos_shipper_upload_failures")
        .description("Total number of block upload failures").register(registry);
    corruptedBlocks = Counter.builder("thanos_shipper_corrupted_blocks")
        .description("Total number of corrupted blocks").register(registry);
    if (uploadCompacted) {
      Gauge.builder("thanos_shipper_upload_compacted_done", uploadCompactedDone, AtomicInteger::get)
          .description("If 1 it means shipper uploaded all compacted blocks from the filesystem.")
          .register(registry);
    }
  }

  void dirSync(boolean failed) {
    dirSyncs.increment();
    if (failed) {
      dirSyncFailures.increment();
    }
  }

  void uploaded() {
    uploads.increment();
  }

  void uploadFailed() {
    uploadFailures.increment();
  }

  void corruptedBlock() {
    corruptedBlocks.increment();
  }

  void uploadCompactedDone(boolean done) {
    uploadCompactedDone.set(done ? 1 : 0);
  }

  /** Total blocks uploaded so far (for logs and tests). */
  public long uploadsTotal() {
    return (long) uploads.count();
  }
}
