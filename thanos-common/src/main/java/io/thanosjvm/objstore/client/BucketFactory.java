package io.thanosjvm.objstore.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.PrefixedBucket;
import io.thanosjvm.objstore.azure.AzureBucket;
import io.thanosjvm.objstore.config.AzureConfig;
import io.thanosjvm.objstore.config.FilesystemConfig;
import io.thanosjvm.objstore.config.GcsConfig;
import io.thanosjvm.objstore.config.ObjstoreConfig;
import io.thanosjvm.objstore.config.S3Config;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.objstore.gcs.GcsBucket;
import io.thanosjvm.objstore.instrument.BucketMetrics;
import io.thanosjvm.objstore.instrument.InstrumentedBucket;
import io.thanosjvm.objstore.retry.RetryPolicy;
import io.thanosjvm.objstore.retry.RetryingBucket;
import io.thanosjvm.objstore.s3.S3Bucket;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the bucket a component uses from its objstore config: the provider, then the {@code prefix}
 * wrapper, then retries of transient failures (remote providers only), then Thanos' metrics.
 */
public final class BucketFactory {

  private BucketFactory() {}

  /**
   * Tunables that are not part of the objstore YAML.
   *
   * @param spoolDir where uploads are spooled so retries can replay them
   * @param initialBackoff first retry back-off
   * @param maxBackoff retry back-off cap
   */
  public record Settings(Path spoolDir, Duration initialBackoff, Duration maxBackoff) {

    /** Spools under {@code java.io.tmpdir}, back-off 200 ms doubling up to 5 s. */
    public static Settings defaults() {
      return new Settings(Path.of(System.getProperty("java.io.tmpdir"), "thanos-objstore-spool"),
          Duration.ofMillis(200), Duration.ofSeconds(5));
    }
  }

  /** Creates the instrumented, retrying bucket for {@code config} with default settings. */
  public static Bucket create(ObjstoreConfig config, MeterRegistry registry, Clock clock) throws IOException {
    return create(config, registry, clock, Settings.defaults());
  }

  /** Creates the instrumented, retrying bucket for {@code config}. */
  public static Bucket create(ObjstoreConfig config, MeterRegistry registry, Clock clock, Settings settings)
      throws IOException {
    Bucket provider = provider(config, settings.spoolDir());
    Bucket bucket = PrefixedBucket.wrap(provider, config.prefix());
    BucketMetrics metrics = new BucketMetrics(registry, provider.name(), clock);
    int attempts = attempts(config);
    if (attempts > 1) {
      RetryPolicy policy = RetryPolicy.ofAttempts(attempts).withBackoff(
          initialBackoff(config, settings), maxBackoff(config, settings));
      bucket = new RetryingBucket(bucket, policy, (op, cause) -> metrics.retried(op), settings.spoolDir());
    }
    return new InstrumentedBucket(bucket, metrics);
  }

  private static Bucket provider(ObjstoreConfig config, Path spoolDir) throws IOException {
    if (config.config() instanceof FilesystemConfig fs) {
      return new FilesystemBucket(Path.of(fs.directory()));
    }
    if (config.config() instanceof S3Config s3) {
      return new S3Bucket(s3, spoolDir);
    }
    if (config.config() instanceof AzureConfig azure) {
      return AzureBucket.create(azure);
    }
    return GcsBucket.create((GcsConfig) config.config());
  }

  private static Duration initialBackoff(ObjstoreConfig config, Settings settings) {
    if (config.config() instanceof AzureConfig azure && !azure.pipeline().retryDelay().isZero()) {
      return azure.pipeline().retryDelay();
    }
    return settings.initialBackoff();
  }

  private static Duration maxBackoff(ObjstoreConfig config, Settings settings) {
    Duration initial = initialBackoff(config, settings);
    Duration max = settings.maxBackoff();
    if (config.config() instanceof AzureConfig azure && !azure.pipeline().maxRetryDelay().isZero()) {
      max = azure.pipeline().maxRetryDelay();
    }
    return max.compareTo(initial) < 0 ? initial : max;
  }

  /** Attempts per operation: the provider's {@code max_retries} setting, else the default. */
  static int attempts(ObjstoreConfig config) {
    if (config.config() instanceof S3Config s3) {
      return s3.maxRetries() > 0 ? s3.maxRetries() + 1 : RetryPolicy.DEFAULT_MAX_ATTEMPTS;
    }
    if (config.config() instanceof AzureConfig azure) {
      return azure.effectiveMaxTries() > 0 ? azure.effectiveMaxTries() : RetryPolicy.DEFAULT_MAX_ATTEMPTS;
    }
    if (config.config() instanceof GcsConfig gcs) {
      return gcs.maxRetries() > 0 ? gcs.maxRetries() : RetryPolicy.DEFAULT_MAX_ATTEMPTS;
    }
    return 1;
  }
}
