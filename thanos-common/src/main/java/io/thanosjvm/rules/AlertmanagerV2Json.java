package io.thanosjvm.rules;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of Alertmanager's {@code POST /api/v2/alerts}: an array of {@code {labels, annotations, startsAt, endsAt,
 * generatorURL}} with times in RFC 3339 at millisecond precision, UTC, as Prometheus' notifier sends them.
 */
public final class AlertmanagerV2Json {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final DateTimeFormatter RFC3339_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private AlertmanagerV2Json() {}

  /** Encodes the alerts. */
  public static String encode(List<AlertNotification> alerts) {
    ArrayNode array = JSON.createArrayNode();
    for (AlertNotification a : alerts) {
      ObjectNode o = array.addObject();
      ObjectNode labels = o.putObject("labels");
      a.labels().forEach(l -> labels.put(l.name(), l.value()));
      ObjectNode annotations = o.putObject("annotations");
      for (Map.Entry<String, String> e : new TreeMap<>(a.annotations()).entrySet()) {
        annotations.put(e.getKey(), e.getValue());
      }
      o.put("startsAt", time(a.startsAtMillis()));
      o.put("endsAt", time(a.endsAtMillis()));
      o.put("generatorURL", a.generatorUrl());
    }
    return JSON.writeValueAsString(array);
  }

  /** RFC 3339 with milliseconds in UTC, e.g. {@code 2026-12-07T13:00:00.000Z}. */
  public static String time(long millis) {
    return RFC3339_MILLIS.format(Instant.ofEpochMilli(millis));
  }
}
