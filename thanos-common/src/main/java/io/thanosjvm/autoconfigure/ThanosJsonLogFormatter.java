package io.thanosjvm.autoconfigure;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.logging.structured.StructuredLogFormatter;

/**
 * {@code --log.format=json}: one JSON object per line with keys sorted, as go-kit's JSON logger writes
 * them: {@code {"caller":"QueryApp","level":"info","msg":"starting query","ts":"..."}}.
 */
public class ThanosJsonLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

  @Override
  public String format(ILoggingEvent event) {
    StringBuilder sb = new StringBuilder(160).append('{');
    for (Map.Entry<String, String> e : new TreeMap<>(LogEventFields.of(event)).entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      appendString(sb, e.getKey());
      sb.append(':');
      appendString(sb, e.getValue());
    }
    return sb.append("}\n").toString();
  }

  private static void appendString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
