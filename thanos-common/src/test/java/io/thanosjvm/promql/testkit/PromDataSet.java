package io.thanosjvm.promql.testkit;

/**
 * The time span of a {@code make-prom-blocks} data set that generated expressions may refer to ({@code @}
 * timestamps); in Unix seconds.
 *
 * @param startSeconds first sample time
 * @param endSeconds last sample time
 * @param special whether the blocks were made with {@code --special} (demo_special_values and the
 *     demo_latency_seconds histogram exist)
 */
public record PromDataSet(long startSeconds, long endSeconds, boolean special) {

  /** Validates the span. */
  public PromDataSet {
    if (endSeconds <= startSeconds) {
      throw new IllegalArgumentException("empty data span: " + startSeconds + ".." + endSeconds);
    }
  }

  /** make-prom-blocks' default start (2023-11-14T22:00:00Z) and the given hours, with {@code --special}. */
  public static PromDataSet defaultStart(int hours) {
    long start = 1_699_999_200L;
    return new PromDataSet(start, start + hours * 3600L, true);
  }
}
