package io.thanosjvm.queryfrontend;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a downstream as Thanos' frontend retry middleware does: up to {@code maxAttempts} attempts while the
 * downstream answers 5xx or gives no HTTP answer at all, with {@link Backoff} between attempts; any other answer
 * (2xx, 4xx) is returned at once. When every attempt failed, the last 5xx answer is returned, or the last
 * connection error thrown.
 */
public final class RetryingDownstream implements Downstream {

  private static final Logger LOG = LoggerFactory.getLogger(RetryingDownstream.class);

  private final Downstream next;
  private final int maxAttempts;
  private final Backoff backoff;
  private final IntConsumer retried;

  /**
   * Wraps {@code next}.
   *
   * @param maxAttempts {@code --query-range.max-retries-per-request}; 0 or 1 means a single attempt
   * @param retried called with the attempt number (2, 3, ...) of every retry (for metrics)
   */
  public RetryingDownstream(Downstream next, int maxAttempts, Backoff backoff, IntConsumer retried) {
    if (maxAttempts < 0) {
      throw new IllegalArgumentException("max retries must not be negative, got " + maxAttempts);
    }
    this.next = next;
    this.maxAttempts = Math.max(1, maxAttempts);
    this.backoff = backoff;
    this.retried = retried;
  }

  @Override
  public DownstreamResponse send(DownstreamRequest request) throws IOException {
    IOException lastError = null;
    DownstreamResponse last = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) {
        retried.accept(attempt);
        sleep(backoff.delayMillis(attempt - 1));
      }
      try {
        DownstreamResponse r = next.send(request);
        if (r.status() / 100 != 5) {
          return r;
        }
        last = r;
        lastError = null;
        LOG.atDebug().addKeyValue("attempt", attempt).addKeyValue("status", r.status())
            .addKeyValue("path", request.path()).log("downstream answered 5xx; retrying");
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        lastError = e;
        last = null;
        LOG.atDebug().addKeyValue("attempt", attempt).addKeyValue("err", e.toString())
            .addKeyValue("path", request.path()).log("downstream unreachable; retrying");
      }
    }
    if (last != null) {
      return last;
    }
    throw lastError;
  }

  private static void sleep(long ms) throws InterruptedIOException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while backing off");
    }
  }
}
