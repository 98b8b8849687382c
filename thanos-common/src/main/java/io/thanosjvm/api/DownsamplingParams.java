package io.thanosjvm.api;

import io.thanosjvm.model.PromDuration;
import java.time.Duration;
import java.util.Objects;

/**
 * Thanos' {@code max_source_resolution} parameter and the querier flags around it: {@code auto} (or no value with
 * {@code --query.auto-downsampling}) means {@code step / 5} for range queries and
 * {@code --query.instant.default.max_source_resolution} for instant queries; otherwise a duration, 0 meaning raw
 * data only. With {@code --query.dynamic-lookback-delta} the lookback delta grows to the coarsest resolution the
 * window may read.
 *
 * @param autoDownsampling {@code --query.auto-downsampling}
 * @param instantDefault {@code --query.instant.default.max_source_resolution}
 * @param dynamicLookbackDelta {@code --query.dynamic-lookback-delta}
 */
public record DownsamplingParams(boolean autoDownsampling, Duration instantDefault, boolean dynamicLookbackDelta) {

  /** The HTTP parameter. */
  public static final String PARAM = "max_source_resolution";

  private static final long RES_5M = 300_000L;
  private static final long RES_1H = 3_600_000L;

  /** Validates. */
  public DownsamplingParams {
    Objects.requireNonNull(instantDefault, "instantDefault");
    if (instantDefault.isNegative()) {
      throw new IllegalArgumentException("instant default max_source_resolution must not be negative");
    }
  }

  /** Thanos' defaults: no auto downsampling, raw data for instant queries, dynamic lookback delta. */
  public static DownsamplingParams defaults() {
    return new DownsamplingParams(false, Duration.ZERO, true);
  }

  /** The window (ms) of a range query with step {@code stepMillis}. */
  public long rangeWindow(ApiParams p, long stepMillis) {
    return window(p, stepMillis / 5);
  }

  /** The window (ms) of an instant query. */
  public long instantWindow(ApiParams p) {
    return window(p, instantDefault.toMillis());
  }

  private long window(ApiParams p, long autoMillis) {
    String v = p.get(PARAM);
    long ms = 0;
    if (autoDownsampling || "auto".equals(v)) {
      ms = autoMillis;
    }
    if (v != null && !v.isEmpty() && !v.equals("auto")) {
      ms = parseMillis(v);
    }
    if (ms < 0) {
      throw new ApiException(ApiError.BAD_DATA,
          "negative '" + PARAM + "' is not accepted. Try a positive integer");
    }
    return ms;
  }

  /**
   * A duration as Thanos' API reads it (float seconds, truncated to ms, or a Prometheus duration).
   *
   * @throws ApiException {@code bad_data} with Thanos' message
   */
  static long parseMillis(String v) {
    String unsigned = v.startsWith("+") || v.startsWith("-") ? v.substring(1) : v;
    String lower = unsigned.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("inf") || lower.equals("infinity")) {
      throw bad("cannot parse \"" + v + "\" to a valid duration. It overflows int64");
    }
    if (lower.equals("nan")) {
      return Long.MIN_VALUE; // Go converts NaN seconds to the most negative duration
    }
    if (isGoFloat(unsigned)) {
      double nanos = Double.parseDouble(v) * 1e9;
      if (nanos >= 0x1p63 || nanos < -0x1p63) {
        throw bad("cannot parse \"" + v + "\" to a valid duration. It overflows int64");
      }
      long ms = ((long) nanos) / 1_000_000L;
      return ms == 0 && nanos <= -1 ? -1 : ms; // Go rejects any negative duration, even under a millisecond
    }
    try {
      return PromDuration.parseMillis(v);
    } catch (IllegalArgumentException e) {
      throw bad("cannot parse \"" + v + "\" to a valid duration");
    }
  }

  /** Decimal float syntax Go's ParseFloat and Java's parseDouble both read the same way (digits, '.', exponent). */
  private static boolean isGoFloat(String s) {
    return s.matches("(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  }

  private static ApiException bad(String message) {
    return new ApiException(ApiError.BAD_DATA, "'" + PARAM + "' parameter: " + message);
  }

  /**
   * The lookback delta of a query reading up to {@code windowMillis}: {@code base}, or with the dynamic lookback
   * delta the 5m resolution when the window exceeds {@code base}, the 1h resolution when it exceeds both 5m and
   * {@code base} (never below {@code base}), as Thanos' lookback delta factory computes it.
   */
  public Duration lookbackDelta(Duration base, long windowMillis) {
    if (!dynamicLookbackDelta) {
      return base;
    }
    long ld = base.toMillis();
    if (Math.max(RES_5M, ld) < windowMillis) {
      return Duration.ofMillis(Math.max(RES_1H, ld));
    }
    if (ld < windowMillis) {
      return Duration.ofMillis(Math.max(RES_5M, ld));
    }
    return base;
  }
}
