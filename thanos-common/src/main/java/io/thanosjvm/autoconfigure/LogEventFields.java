package io.thanosjvm.autoconfigure;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * The fields of a Thanos log line, in Thanos' order: {@code ts}, {@code caller}, {@code level},
 * {@code msg}, then the event's key/value pairs and {@code err} for an exception.
 */
final class LogEventFields {

  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private LogEventFields() {}

  static Map<String, String> of(ILoggingEvent event) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("ts", TS.format(Instant.ofEpochMilli(event.getTimeStamp())));
    String logger = event.getLoggerName();
    f.put("caller", logger.substring(logger.lastIndexOf('.') + 1));
    f.put("level", event.getLevel().toString().toLowerCase(Locale.ROOT));
    f.put("msg", event.getFormattedMessage());
    if (event.getKeyValuePairs() != null) {
      for (KeyValuePair kv : event.getKeyValuePairs()) {
        f.put(kv.key, String.valueOf(kv.value));
      }
    }
    IThrowableProxy t = event.getThrowableProxy();
    if (t != null) {
      f.put("err", t.getClassName() + ": " + t.getMessage());
    }
    return f;
  }
}
