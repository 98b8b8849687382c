package io.thanosjvm.query.downsample;

/**
 * The {@code max_resolution_window} of one selector: the query's window, capped at half the selector's range
 * for the functions that need at least two samples in that range (so a 5m rate never reads 5m windows).
 */
public final class ResolutionWindow {

  private ResolutionWindow() {}

  /**
   * The window (ms) for a selector.
   *
   * @param queryWindow the query's maximum source resolution in ms (0 = raw only)
   * @param function the enclosing function ("" if none)
   * @param rangeMillis the selector's range in ms (0 for instant selectors)
   */
  public static long forSelector(long queryWindow, String function, long rangeMillis) {
    if (queryWindow <= 0) {
      return Math.max(0, queryWindow);
    }
    if (rangeMillis > 0 && needsTwoSamples(function)) {
      return Math.min(queryWindow, rangeMillis / 2);
    }
    return queryWindow;
  }

  /**
   * Whether a range function needs two samples: rate, irate, increase, delta, idelta, deriv, predict_linear,
   * holt_winters and double_exponential_smoothing.
   */
  public static boolean needsTwoSamples(String function) {
    return switch (function == null ? "" : function) {
      case "rate", "irate", "increase", "delta", "idelta", "deriv", "predict_linear", "holt_winters",
          "double_exponential_smoothing" -> true;
      default -> false;
    };
  }
}
