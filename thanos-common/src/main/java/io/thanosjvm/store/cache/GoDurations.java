package io.thanosjvm.store.cache;

import io.thanosjvm.model.GoDuration;
import java.time.Duration;

/**
 * Go durations in cache configs: delegates to the one Go-duration parser, {@link GoDuration#parse}. Kept only so
 * existing callers keep compiling; new code uses {@link GoDuration}.
 */
public final class GoDurations {

  private GoDurations() {}

  /**
   * Parses {@code text} as Go's {@code time.ParseDuration} does.
   *
   * @throws IllegalArgumentException naming the text when it is not a Go duration
   */
  public static Duration parse(String text) {
    return GoDuration.parse(text);
  }
}
