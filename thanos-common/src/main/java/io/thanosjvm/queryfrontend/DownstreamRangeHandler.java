package io.thanosjvm.queryfrontend;

import io.thanosjvm.api.ApiError;
import java.io.IOException;
import java.io.InterruptedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage: sends the (sub-)request downstream as {@code GET /api/v1/query_range?...} and parses a 2xx
 * answer into a matrix. A non-2xx answer is passed on with its status and body; no answer at all becomes a
 * Prometheus {@code internal} error (500) naming the cause; an unparsable 2xx body a 502 {@code internal} error.
 */
public final class DownstreamRangeHandler implements RangeHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DownstreamRangeHandler.class);

  /** The path range queries are sent to. */
  public static final String PATH = "/api/v1/query_range";

  private final Downstream downstream;

  /** Sends through {@code downstream} (usually a {@link RetryingDownstream}). */
  public DownstreamRangeHandler(Downstream downstream) {
    this.downstream = downstream;
  }

  @Override
  public QueryResponse handle(RangeRequest request, RequestHeaders headers) {
    DownstreamResponse r;
    try {
      r = downstream.send(DownstreamRequest.get(PATH, request.encode(), headers.forwarded()));
    } catch (InterruptedIOException e) {
      return QueryResponse.error(503, ApiError.CANCELED, "query canceled: " + e.getMessage());
    } catch (IOException e) {
      LOG.atWarn().addKeyValue("err", e.toString()).log("downstream unreachable after retries");
      return QueryResponse.error(ApiError.INTERNAL, "downstream unreachable: " + e);
    }
    if (r.status() / 100 != 2) {
      return new QueryResponse(r.status(), null, r.body(), true);
    }
    try {
      return QueryResponse.success(MatrixJson.parse(r.body()), r.noStore());
    } catch (ResponseFormatException e) {
      return QueryResponse.error(502, ApiError.INTERNAL, "downstream answer not understood: " + e.getMessage());
    }
  }
}
