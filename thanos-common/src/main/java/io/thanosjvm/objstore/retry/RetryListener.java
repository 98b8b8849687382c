package io.thanosjvm.objstore.retry;

import io.thanosjvm.objstore.BucketOperation;

/** Told about each retried attempt, e.g. to count it in a metric. */
@FunctionalInterface
public interface RetryListener {

  /** A listener that ignores retries. */
  RetryListener NONE = (op, cause) -> {};

  /** Attempt of {@code op} failed transiently with {@code cause} and will be tried again. */
  void onRetry(BucketOperation op, Throwable cause);
}
