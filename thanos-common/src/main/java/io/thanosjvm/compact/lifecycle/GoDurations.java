package io.thanosjvm.compact.lifecycle;

import java.time.Duration;

/** Formats durations as Go's {@code time.Duration.String()} does ({@code 240h0m0s}, {@code 1m30s}, {@code 1.5s}). */
public final class GoDurations {

  private GoDurations() {}

  /** Go's text for a non-negative duration of whole milliseconds or more. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    long totalMs = d.toMillis();
    if (totalMs < 1000) {
      return totalMs + "ms";
    }
    long hours = totalMs / 3_600_000L;
    long minutes = totalMs / 60_000L % 60;
    long millis = totalMs % 60_000L;
    StringBuilder sb = new StringBuilder();
    if (hours > 0) {
      sb.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      sb.append(minutes).append('m');
    }
    sb.append(millis / 1000);
    long frac = millis % 1000;
    if (frac != 0) {
      String f = String.format("%03d", frac);
      sb.append('.').append(f.replaceAll("0+$", ""));
    }
    return sb.append('s').toString();
  }
}
