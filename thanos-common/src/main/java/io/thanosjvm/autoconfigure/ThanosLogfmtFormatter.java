package io.thanosjvm.autoconfigure;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.thanosjvm.model.PromStrings;
import java.util.Map;
import org.springframework.boot.logging.structured.StructuredLogFormatter;

/**
 * {@code --log.format=logfmt}: lines like Thanos writes them,
 * {@code ts=2026-11-25T13:46:30.123Z caller=QueryApp level=info msg="starting query"}.
 */
public class ThanosLogfmtFormatter implements StructuredLogFormatter<ILoggingEvent> {

  @Override
  public String format(ILoggingEvent event) {
    StringBuilder sb = new StringBuilder(128);
    for (Map.Entry<String, String> e : LogEventFields.of(event).entrySet()) {
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      sb.append(e.getKey()).append('=').append(value(e.getValue()));
    }
    return sb.append('\n').toString();
  }

  /** Quotes a logfmt value when it holds spaces, '=', quotes or control characters. */
  static String value(String v) {
    if (v == null) {
      return "null";
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c <= ' ' || c == '=' || c == '"' || c == 0x7f) {
        return PromStrings.quote(v);
      }
    }
    return v;
  }
}
