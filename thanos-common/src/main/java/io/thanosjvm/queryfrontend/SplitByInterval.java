package io.thanosjvm.queryfrontend;

import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a range query into sub-queries per interval ({@code --query-range.split-interval}, 24h by default)
 * as Cortex does: every sub-query but the last ends on the last step before a multiple of the interval
 * (day boundaries for 24h), and the next one starts one step later, so each evaluation time is asked exactly
 * once. Sub-queries run with at most {@code maxParallelism} at once and their results are merged; the first
 * failed sub-query (in time order) is the answer. Queries using {@code @ start()} or {@code @ end()} (whose
 * meaning depends on the whole range) and queries that do not parse are sent whole.
 */
public final class SplitByInterval implements RangeHandler {

  private final long intervalMs;
  private final ParallelRunner runner;
  private final Counter splitQueries;
  private final RangeHandler next;

  /**
   * Splits requests for {@code next}.
   *
   * @param intervalMs the split interval; 0 disables splitting
   * @param splitQueries counts the sub-queries ({@code thanos_frontend_split_queries_total})
   */
  public SplitByInterval(long intervalMs, ParallelRunner runner, Counter splitQueries, RangeHandler next) {
    if (intervalMs < 0) {
      throw new IllegalArgumentException("split interval must not be negative");
    }
    this.intervalMs = intervalMs;
    this.runner = runner;
    this.splitQueries = splitQueries;
    this.next = next;
  }

  @Override
  public QueryResponse handle(RangeRequest request, RequestHeaders headers) {
    if (intervalMs == 0 || !AtModifiers.of(request.query()).splittable()) {
      splitQueries.increment();
      return next.handle(request, headers);
    }
    List<RangeRequest> parts = split(request, intervalMs);
    splitQueries.increment(parts.size());
    if (parts.size() == 1) {
      return next.handle(parts.get(0), headers);
    }
    return QueryResponse.merged(runner.run(parts, r -> next.handle(r, headers)));
  }

  /** The sub-requests of {@code r} for {@code intervalMs}, in time order. */
  public static List<RangeRequest> split(RangeRequest r, long intervalMs) {
    List<RangeRequest> out = new ArrayList<>();
    if (r.start() == r.end()) {
      out.add(r);
      return out;
    }
    for (long start = r.start(); start < r.end(); start = nextBoundary(start, r.step(), intervalMs) + r.step()) {
      long end = nextBoundary(start, r.step(), intervalMs);
      if (end + r.step() >= r.end()) {
        end = r.end();
      }
      out.add(r.withRange(start, end));
    }
    return out;
  }

  /** The last time a whole number of steps after {@code t} that lies before the next multiple of the interval. */
  static long nextBoundary(long t, long step, long intervalMs) {
    long nextInterval = (Math.floorDiv(t, intervalMs) + 1) * intervalMs;
    long target = nextInterval - ((nextInterval - t) % step);
    if (target == nextInterval) {
      target -= step;
    }
    return target;
  }
}
