package io.thanosjvm.autoconfigure;

import io.thanosjvm.cli.Flag;
import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.model.TimeOrDuration;
import java.time.InstantSource;

/**
 * The time range flag group ({@code --min-time}, {@code --max-time}): the blocks (and, in the store gateway, data) a
 * component works on. Declared once, nested as {@code thanos.<component>.time-range.*}.
 */
public class TimeRangeProperties {

  /**
   * Start of the time range limit: only blocks (and data) at or after it are used. RFC 3339 or a duration relative
   * to now such as -2w; units ms, s, m, h, d, w, y.
   */
  @Flag(name = FlagNames.MIN_TIME)
  private String minTime = "0000-01-01T00:00:00Z";

  /**
   * End of the time range limit: only blocks (and data) at or before it are used. RFC 3339 or a duration relative
   * to now such as -1d; units ms, s, m, h, d, w, y.
   */
  @Flag(name = FlagNames.MAX_TIME)
  private String maxTime = "9999-12-31T23:59:59Z";

  public String getMinTime() {
    return minTime;
  }

  public void setMinTime(String minTime) {
    this.minTime = minTime;
  }

  public String getMaxTime() {
    return maxTime;
  }

  public void setMaxTime(String maxTime) {
    this.maxTime = maxTime;
  }

  /** The start in Unix milliseconds, relative durations taken from {@code clock}. */
  public long minTimeMillis(InstantSource clock) {
    return TimeOrDuration.parseMillis(minTime, clock);
  }

  /** The end in Unix milliseconds, relative durations taken from {@code clock}. */
  public long maxTimeMillis(InstantSource clock) {
    return TimeOrDuration.parseMillis(maxTime, clock);
  }
}
