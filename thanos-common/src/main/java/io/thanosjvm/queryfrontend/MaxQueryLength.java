package io.thanosjvm.queryfrontend;

import io.thanosjvm.api.ApiError;
import io.thanosjvm.model.PromDuration;

/**
 * Refuses range queries longer than {@code --query-range.max-query-length} (0 = unlimited) with Cortex' text
 * as a {@code bad_data} error (400).
 */
public final class MaxQueryLength implements RangeHandler {

  private final long maxLengthMs;
  private final RangeHandler next;

  /** Limits requests passed to {@code next} to {@code maxLengthMs} (0 disables the limit). */
  public MaxQueryLength(long maxLengthMs, RangeHandler next) {
    if (maxLengthMs < 0) {
      throw new IllegalArgumentException("max query length must not be negative");
    }
    this.maxLengthMs = maxLengthMs;
    this.next = next;
  }

  @Override
  public QueryResponse handle(RangeRequest request, RequestHeaders headers) {
    long length = request.end() - request.start();
    if (maxLengthMs > 0 && length > maxLengthMs) {
      return QueryResponse.error(ApiError.BAD_DATA, "the query time range exceeds the limit (query length: "
          + PromDuration.format(length) + ", limit: " + PromDuration.format(maxLengthMs) + ")");
    }
    return next.handle(request, headers);
  }
}
