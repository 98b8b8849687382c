package io.thanosjvm.queryfrontend;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a downstream as Thanos' frontend retry middleware does, through a Resilience4j {@link Retry}: up to
 * {@code maxAttempts} attempts while the downstream answers 5xx or gives no HTTP answer at all (an
 * {@link IOException} other than an interruption), waiting Thanos' jittered {@link Backoff} between attempts;
 * any other answer (2xx, 4xx) is returned at once. When every attempt failed, the last 5xx answer is returned,
 * or the last connection error thrown. Waits happen on the calling thread (a request worker, never an event
 * loop).
 */
public final class RetryingDownstream implements Downstream {

  private static final Logger LOG = LoggerFactory.getLogger(RetryingDownstream.class);

  private final Downstream next;
  private final Retry retry;

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
    IntervalBiFunction<DownstreamResponse> interval = (retryNumber, outcome) -> backoff.delayMillis(retryNumber);
    RetryConfig config = RetryConfig.<DownstreamResponse>custom()
        .maxAttempts(Math.max(1, maxAttempts))
        .retryOnResult(r -> r.status() / 100 == 5)
        .retryOnException(e -> e instanceof IOException && !(e instanceof InterruptedIOException))
        .intervalBiFunction(interval)
        .failAfterMaxAttempts(false)
        .writableStackTraceEnabled(false)
        .build();
    this.retry = Retry.of("query-frontend-downstream", config);
    retry.getEventPublisher().onRetry(event -> {
      int attempt = event.getNumberOfRetryAttempts() + 1;
      retried.accept(attempt);
      LOG.atDebug().addKeyValue("attempt", attempt - 1)
          .addKeyValue("err", event.getLastThrowable() == null ? "5xx" : event.getLastThrowable().toString())
          .log("downstream failed; retrying");
    });
  }

  @Override
  public DownstreamResponse send(DownstreamRequest request) throws IOException {
    try {
      return Retry.decorateCheckedSupplier(retry, () -> next.send(request)).get();
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("downstream " + request.path() + " failed", t);
    }
  }
}
