package io.thanosjvm.head;

import java.time.Duration;

/**
 * Head settings.
 *
 * @param chunkRange the head chunk range = the block range ({@code --tsdb.min-block-duration}, 2h), in ms
 * @param outOfOrderWindow {@code --tsdb.out-of-order.time-window} in ms; 0 disables (the default)
 * @param tooFarInFutureWindow {@code --tsdb.too-far-in-future.time-window} in ms; 0 disables (the default)
 */
public record HeadOptions(long chunkRange, long outOfOrderWindow, long tooFarInFutureWindow) {

  /** Prometheus' default block range, 2h. */
  public static final long DEFAULT_CHUNK_RANGE = Duration.ofHours(2).toMillis();

  /** Validates. */
  public HeadOptions {
    if (chunkRange <= 0) {
      throw new IllegalArgumentException("chunk range must be positive: " + chunkRange);
    }
    if (outOfOrderWindow < 0 || tooFarInFutureWindow < 0) {
      throw new IllegalArgumentException("time windows must not be negative");
    }
  }

  /** 2h chunks, no out-of-order window, no future limit. */
  public static HeadOptions defaults() {
    return new HeadOptions(DEFAULT_CHUNK_RANGE, 0, 0);
  }

  /** A copy with another out-of-order window. */
  public HeadOptions withOutOfOrderWindow(Duration window) {
    return new HeadOptions(chunkRange, window.toMillis(), tooFarInFutureWindow);
  }

  /** A copy with another too-far-in-future window. */
  public HeadOptions withTooFarInFutureWindow(Duration window) {
    return new HeadOptions(chunkRange, outOfOrderWindow, window.toMillis());
  }

  /** Prometheus' {@code rangeForTimestamp}: the end of the aligned range holding {@code t}. */
  public static long rangeForTimestamp(long t, long width) {
    return (t / width) * width + width;
  }
}
