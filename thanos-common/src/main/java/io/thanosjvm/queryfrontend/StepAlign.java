package io.thanosjvm.queryfrontend;

/**
 * Rounds start and end down to multiples of the step ({@code --query-range.align-range-with-step}), so that the
 * same query over a shifted range hits the same cached points.
 */
public final class StepAlign implements RangeHandler {

  private final RangeHandler next;

  /** Aligns requests before passing them to {@code next}. */
  public StepAlign(RangeHandler next) {
    this.next = next;
  }

  @Override
  public QueryResponse handle(RangeRequest request, RequestHeaders headers) {
    return next.handle(align(request), headers);
  }

  /** {@code request} with start and end rounded down to multiples of its step. */
  public static RangeRequest align(RangeRequest request) {
    long step = request.step();
    long start = Math.floorDiv(request.start(), step) * step;
    long end = Math.floorDiv(request.end(), step) * step;
    return start == request.start() && end == request.end() ? request : request.withRange(start, end);
  }
}
