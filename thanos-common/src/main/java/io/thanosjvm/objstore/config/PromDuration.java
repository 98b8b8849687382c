package io.thanosjvm.objstore.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Prometheus duration strings such as {@code 1m30s}, {@code 2h}, {@code 500ms} or {@code 0s}: one
 * or more number-unit pairs in decreasing unit order, units {@code y w d h m s ms}; a bare {@code 0} is zero.
 */
public final class PromDuration {

  private static final Pattern FULL =
      Pattern.compile("(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
  private static final long[] UNIT_MILLIS = {
    365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600L * 1000, 60L * 1000, 1000L, 1L
  };

  private PromDuration() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException if it is not a Prometheus duration
   */
  public static Duration parse(String text) {
    if ("0".equals(text)) {
      return Duration.ZERO;
    }
    Matcher m = FULL.matcher(text == null ? "" : text);
    if (text == null || text.isEmpty() || !m.matches()) {
      throw new IllegalArgumentException("not a valid duration string: \"" + text + "\"");
    }
    long millis = 0;
    for (int i = 0; i < UNIT_MILLIS.length; i++) {
      String group = m.group(i + 1);
      if (group != null) {
        millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(group), UNIT_MILLIS[i]));
      }
    }
    return Duration.ofMillis(millis);
  }
}
