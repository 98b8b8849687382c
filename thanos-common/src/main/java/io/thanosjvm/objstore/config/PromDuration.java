package io.thanosjvm.objstore.config;

import java.time.Duration;

/**
 * Parses Prometheus duration strings such as {@code 1m30s}, {@code 2h}, {@code 500ms} or {@code 0s}: one
 * or more number-unit pairs in decreasing unit order, units {@code y w d h m s ms}; a bare {@code 0} is zero.
 * Delegates to {@link io.thanosjvm.model.PromDuration}, adding the objstore config's message for empty input.
 */
public final class PromDuration {

  private PromDuration() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException if it is not a Prometheus duration
   */
  public static Duration parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("not a valid duration string: \"" + text + "\"");
    }
    return io.thanosjvm.model.PromDuration.parse(text);
  }
}
