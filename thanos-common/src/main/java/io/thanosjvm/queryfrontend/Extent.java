package io.thanosjvm.queryfrontend;


/**
 * A cached stretch of one query's result (Thanos' {@code Extent{1 start, 2 end, 5 response}}): the answer for
 * evaluation times {@code [start, end]}.
 *
 * @param start first evaluation time covered, ms
 * @param end last evaluation time covered, ms
 * @param response the result over that range
 */
public record Extent(long start, long end, Matrix response) {

  /** Validates the range. */
  public Extent {
    if (end < start) {
      throw new IllegalArgumentException("extent end " + end + " before start " + start);
    }
    if (response == null) {
      throw new IllegalArgumentException("extent without response");
    }
  }
}
