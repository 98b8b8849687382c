package io.thanosjvm.autoconfigure;

import io.thanosjvm.model.PromDuration;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;

/**
 * Binds Prometheus duration strings ({@code 1h30m}, {@code 2d}, {@code 0ms}) to {@link Duration}, so
 * flag values written for Thanos work unchanged. ISO-8601 ({@code PT2M}) still works.
 */
@ConfigurationPropertiesBinding
public class PromDurationConverter implements Converter<String, Duration> {

  @Override
  public Duration convert(String source) {
    String s = source.trim();
    if (s.startsWith("P") || s.startsWith("-P")) {
      return Duration.parse(s);
    }
    return PromDuration.parse(s);
  }
}
