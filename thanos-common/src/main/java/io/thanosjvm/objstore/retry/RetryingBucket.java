package io.thanosjvm.objstore.retry;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.BucketOperation;
import io.thanosjvm.objstore.IterConsumer;
import io.thanosjvm.objstore.IterOptions;
import io.thanosjvm.objstore.ObjectAttributes;
import io.thanosjvm.objstore.io.ReplayableUpload;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Retries transient failures of a delegate bucket with exponential back-off (Resilience4j). Uploads are
 * first captured in a {@link ReplayableUpload} (bounded heap buffer or temporary file) so every attempt
 * sends identical bytes; reads that break mid-body resume from the last byte received. Iteration is only
 * retried while no entry has reached the consumer, so no entry is delivered twice.
 */
public final class RetryingBucket implements Bucket {

  private final Bucket delegate;
  private final RetryPolicy policy;
  private final RetryListener listener;
  private final Path spoolDir;
  private final Map<BucketOperation, Retry> retries = new EnumMap<>(BucketOperation.class);

  /** Wraps {@code delegate}; temporary upload files go to {@code spoolDir}. */
  public RetryingBucket(Bucket delegate, RetryPolicy policy, RetryListener listener, Path spoolDir) {
    this.delegate = delegate;
    this.policy = policy;
    this.listener = listener;
    this.spoolDir = spoolDir;
    RetryConfig config = RetryConfig.custom()
        .maxAttempts(policy.maxAttempts())
        .intervalFunction(IntervalFunction.ofExponentialBackoff(
            policy.initialBackoff(), 2.0, policy.maxBackoff()))
        .retryOnException(TransientFailures::isTransient)
        .failAfterMaxAttempts(false)
        .build();
    for (BucketOperation op : BucketOperation.values()) {
      Retry retry = Retry.of(delegate.name() + "/" + op.label(), config);
      retry.getEventPublisher().onRetry(event -> listener.onRetry(op, event.getLastThrowable()));
      retries.put(op, retry);
    }
  }

  private <T> T call(BucketOperation op, Attempt<T> attempt) throws IOException {
    try {
      return retries.get(op).executeCheckedSupplier(attempt::run);
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(op.label() + " failed: " + t, t);
    }
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public InputStream get(String name) throws IOException {
    InputStream first = call(BucketOperation.GET, () -> delegate.get(name));
    return resuming(BucketOperation.GET, name, first, 0, -1);
  }

  @Override
  public InputStream getRange(String name, long offset, long length) throws IOException {
    InputStream first = call(BucketOperation.GET_RANGE, () -> delegate.getRange(name, offset, length));
    return resuming(BucketOperation.GET_RANGE, name, first, offset, length);
  }

  private InputStream resuming(BucketOperation op, String name, InputStream first, long offset, long length) {
    return new ResumingInputStream(first, offset, length,
        (from, len) -> delegate.getRange(name, from, len),
        (cause, resume) -> {
          if (resume >= policy.maxAttempts()) {
            throw cause;
          }
          listener.onRetry(op, cause);
          sleep(policy.backoff(resume));
        });
  }

  private static void sleep(java.time.Duration wait) throws InterruptedIOException {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while backing off");
    }
  }

  @Override
  public void upload(String name, InputStream data, long length) throws IOException {
    try (ReplayableUpload replayable = ReplayableUpload.capture(data, length, spoolDir)) {
      call(BucketOperation.UPLOAD, () -> {
        try (InputStream in = replayable.open()) {
          delegate.upload(name, in, replayable.length());
        }
        return null;
      });
    }
  }

  @Override
  public void delete(String name) throws IOException {
    call(BucketOperation.DELETE, () -> {
      delegate.delete(name);
      return null;
    });
  }

  @Override
  public void iter(String dir, IterConsumer consumer, IterOptions options) throws IOException {
    boolean[] delivered = {false};
    IterConsumer tracking = entry -> {
      delivered[0] = true;
      consumer.accept(entry);
    };
    try {
      call(BucketOperation.ITER, () -> {
        try {
          delegate.iter(dir, tracking, options);
        } catch (IOException e) {
          if (delivered[0]) {
            throw new NotRetryable(e);
          }
          throw e;
        }
        return null;
      });
    } catch (NotRetryable e) {
      throw (IOException) e.getCause();
    }
  }

  @Override
  public boolean exists(String name) throws IOException {
    return call(BucketOperation.EXISTS, () -> delegate.exists(name));
  }

  @Override
  public ObjectAttributes attributes(String name) throws IOException {
    return call(BucketOperation.ATTRIBUTES, () -> delegate.attributes(name));
  }

  @Override
  public boolean isObjNotFound(Throwable error) {
    return delegate.isObjNotFound(error);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  @FunctionalInterface
  private interface Attempt<T> {
    T run() throws IOException;
  }

  /** Carries a failure that must not be retried (entries were already delivered). */
  private static final class NotRetryable extends io.thanosjvm.objstore.ObjectStoreException {
    private static final long serialVersionUID = 1L;

    NotRetryable(IOException cause) {
      super("iteration failed after delivering entries: " + cause.getMessage(), false, cause);
    }
  }
}
