package io.thanosjvm.objstore.instrument;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.thanosjvm.objstore.BucketOperation;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The objstore meters of one bucket, every operation label pre-registered at zero like Thanos does.
 * Micrometer names omit the suffixes the Prometheus registry adds ({@code _total}, {@code _seconds}).
 */
public final class BucketMetrics {

  private static final Duration[] DURATION_BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMillis(300),
    Duration.ofMillis(600), Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(6),
    Duration.ofSeconds(9), Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60),
    Duration.ofSeconds(90), Duration.ofSeconds(120)
  };

  private final Map<BucketOperation, Counter> operations = new EnumMap<>(BucketOperation.class);
  private final Map<BucketOperation, Counter> failures = new EnumMap<>(BucketOperation.class);
  private final Map<BucketOperation, Counter> retries = new EnumMap<>(BucketOperation.class);
  private final Map<BucketOperation, Counter> fetchedBytes = new EnumMap<>(BucketOperation.class);
  private final Map<BucketOperation, Timer> durations = new EnumMap<>(BucketOperation.class);
  private final Map<BucketOperation, DistributionSummary> transferred = new EnumMap<>(BucketOperation.class);
  private final AtomicLong lastUploadMillis = new AtomicLong();
  private final MeterRegistry registry;
  private final Clock clock;

  /** Registers the meters of bucket {@code bucket} in {@code registry}; {@code clock} dates uploads. */
  public BucketMetrics(MeterRegistry registry, String bucket, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    double[] byteBuckets = new double[16];
    for (int i = 0; i < byteBuckets.length; i++) {
      byteBuckets[i] = 32768d * (1L << i);
    }
    for (BucketOperation op : BucketOperation.values()) {
      String[] tags = {"bucket", bucket, "operation", op.label()};
      operations.put(op, Counter.builder("thanos_objstore_bucket_operations")
          .description("Total number of all attempted operations against a bucket.").tags(tags).register(registry));
      failures.put(op, Counter.builder("thanos_objstore_bucket_operation_failures")
          .description("Total number of operations against a bucket that failed, but were not expected to fail "
              + "in certain way from caller perspective. Those errors have to be investigated.")
          .tags(tags).register(registry));
      retries.put(op, Counter.builder("thanos_objstore_bucket_operation_retries")
          .description("Total number of retried attempts of operations against a bucket (transient failures).")
          .tags(tags).register(registry));
      fetchedBytes.put(op, Counter.builder("thanos_objstore_bucket_operation_fetched_bytes")
          .description("Total number of bytes fetched from bucket, per operation.").tags(tags).register(registry));
      durations.put(op, Timer.builder("thanos_objstore_bucket_operation_duration")
          .description("Duration of successful operations against the bucket per operation - iter operations "
              + "include time spent on each callback.")
          .serviceLevelObjectives(DURATION_BUCKETS).tags(tags).register(registry));
      transferred.put(op, DistributionSummary.builder("thanos_objstore_bucket_operation_transferred_bytes")
          .description("Number of bytes transferred from/to bucket per operation.")
          .serviceLevelObjectives(byteBuckets).tags(tags).register(registry));
    }
    Gauge.builder("thanos_objstore_bucket_last_successful_upload_time", lastUploadMillis, v -> v.get() / 1000d)
        .description("Second timestamp of the last successful upload to the bucket.")
        .tag("bucket", bucket).register(registry);
  }

  /** Counts an attempted operation and returns a running duration sample. */
  public Timer.Sample start(BucketOperation op) {
    operations.get(op).increment();
    return Timer.start(registry);
  }

  /** Records the duration of a successful operation. */
  public void succeeded(BucketOperation op, Timer.Sample sample) {
    sample.stop(durations.get(op));
  }

  /** Counts an unexpected failure. */
  public void failed(BucketOperation op) {
    failures.get(op).increment();
  }

  /** Counts one retried attempt. */
  public void retried(BucketOperation op) {
    retries.get(op).increment();
  }

  /** Adds bytes read from the bucket. */
  public void fetched(BucketOperation op, long bytes) {
    fetchedBytes.get(op).increment(bytes);
  }

  /** Records the bytes one operation moved. */
  public void transferred(BucketOperation op, long bytes) {
    transferred.get(op).record(bytes);
  }

  /** Marks a successful upload now. */
  public void uploadSucceeded() {
    lastUploadMillis.set(clock.millis());
  }
}
