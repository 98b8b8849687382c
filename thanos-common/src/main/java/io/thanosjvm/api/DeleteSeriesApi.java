package io.thanosjvm.api;

import io.thanosjvm.block.deletion.DeleteSeriesRequest;
import io.thanosjvm.block.deletion.DeletionRequests;
import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus' {@code POST|PUT /api/v1/admin/tsdb/delete_series} ({@code match[]} repeated, optional {@code start}
 * and {@code end}) over the bucket: the request is recorded there ({@link DeletionRequests#record}) and answered
 * {@code 204} only once the upload succeeded; the querier hides what it deletes from then on and the compactor
 * rewrites the blocks. Off unless enabled, answering then as Prometheus without {@code --web.enable-admin-api}.
 * Unlike Prometheus, which deletes selector by selector and may stop half way on a bad one, every selector is
 * checked before anything is recorded and the request is recorded as one object.
 */
public final class DeleteSeriesApi {

  /** The path. */
  public static final String PATH = "/api/v1/admin/tsdb/delete_series";

  private static final Logger LOG = LoggerFactory.getLogger(DeleteSeriesApi.class);

  private final DeletionRequests requests;
  private final InstantSource clock;

  /** The API recording into {@code requests}, or a disabled one when {@code requests} is null. */
  public DeleteSeriesApi(DeletionRequests requests, InstantSource clock) {
    this.requests = requests;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Whether the API records requests (else it answers "admin APIs disabled"). */
  public boolean enabled() {
    return requests != null;
  }

  /**
   * Handles one request.
   *
   * @return the answer: {@code 204} with an empty body on success, else Prometheus' error envelope
   */
  public ApiResponse deleteSeries(ApiParams p) {
    if (requests == null) {
      return ApiResponse.error(ApiError.UNAVAILABLE, "admin APIs disabled");
    }
    try {
      List<String> selectors = p.all("match[]");
      if (selectors.isEmpty()) {
        throw new ApiException(ApiError.BAD_DATA, "no match[] parameter provided");
      }
      long start = p.time("start", ApiParams.MIN_TIME);
      long end = p.time("end", ApiParams.MAX_TIME);
      List<String> effective = new ArrayList<>();
      for (String s : selectors) {
        try {
          if (!DeleteSeriesRequest.parse(s).isEmpty()) {
            effective.add(s);
          } // a selector without matchers deletes nothing in Prometheus either
        } catch (IllegalArgumentException e) {
          throw ApiException.badParameter("match[]", e.getMessage());
        }
      }
      if (effective.isEmpty()) {
        return noContent();
      }
      DeleteSeriesRequest r = DeleteSeriesRequest.of(effective, start, end, clock.millis());
      try {
        requests.record(r);
      } catch (IOException | RuntimeException e) {
        LOG.error("recording deletion request failed: request_id={} err={}", r.requestId(), e.toString());
        return ApiResponse.error(ApiError.INTERNAL, "recording the deletion request in the bucket: "
            + e.getMessage());
      }
      // the selectors stay out of the log: they may name what is being deleted (a secret in a label value)
      LOG.info("recorded deletion request: request_id={} selectors={} min_time={} max_time={}", r.requestId(),
          r.matchers().size(), r.minTime(), r.maxTime());
      return noContent();
    } catch (ApiException e) {
      return ApiResponse.error(e.error(), e.getMessage());
    }
  }

  private static ApiResponse noContent() {
    return new ApiResponse(204, JsonBody.of(""));
  }
}
