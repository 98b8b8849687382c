package io.thanosjvm.autoconfigure;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.thanosjvm.api.PromJson;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.logging.structured.StructuredLogFormatter;

/**
 * {@code --log.format=json}: one JSON object per line with keys sorted, as go-kit's JSON logger writes
 * them: {@code {"caller":"QueryApp","level":"info","msg":"starting query","ts":"..."}}, strings
 * escaped as Go's encoding/json does.
 */
public class ThanosJsonLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

  @Override
  public String format(ILoggingEvent event) {
    StringBuilder sb = new StringBuilder(160).append('{');
    for (Map.Entry<String, String> e : new TreeMap<>(LogEventFields.of(event)).entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      PromJson.string(sb, e.getKey());
      sb.append(':');
      PromJson.string(sb, e.getValue());
    }
    return sb.append("}\n").toString();
  }
}
