package io.thanosjvm.api;

/**
 * The {@code start}, {@code end} and {@code step} of a {@code query_range} request, validated as Prometheus does
 * (the same {@code bad_data} texts): both times and the step present, end not before start, a positive step and at
 * most {@value #MAX_POINTS} points per series.
 *
 * @param start first evaluation time (ms)
 * @param end last evaluation time (ms)
 * @param step resolution (ms)
 */
public record RangeParams(long start, long end, long step) {

  /** Prometheus' limit of points per series in one range query. */
  public static final int MAX_POINTS = 11_000;

  /**
   * Reads and validates the three parameters.
   *
   * @throws ApiException ({@code bad_data}) naming the bad parameter
   */
  public static RangeParams of(ApiParams p) {
    long start = required(p, "start", true);
    long end = required(p, "end", true);
    if (end < start) {
      throw ApiException.badParameter("end", "end timestamp must not be before start time");
    }
    long step = required(p, "step", false);
    if (step <= 0) {
      throw ApiException.badParameter("step",
          "zero or negative query resolution step widths are not accepted. Try a positive integer");
    }
    if ((end - start) / step > MAX_POINTS) {
      throw new ApiException(ApiError.BAD_DATA, "exceeded maximum resolution of 11,000 points per timeseries. "
          + "Try decreasing the query resolution (?step=XX)");
    }
    return new RangeParams(start, end, step);
  }

  private static long required(ApiParams p, String name, boolean time) {
    String v = p.get(name);
    if (v == null || v.isEmpty()) {
      throw ApiException.badParameter(name, "cannot parse \"\" to a valid " + (time ? "timestamp" : "duration"));
    }
    return time ? p.requiredTime(name) : p.duration(name, 0);
  }
}
