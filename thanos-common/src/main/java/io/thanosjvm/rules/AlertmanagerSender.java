package io.thanosjvm.rules;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Sends alerts to the Alertmanagers of one group ({@code --alertmanagers.url}, or an entry of
 * {@code --alertmanagers.config}) through their v2 API ({@code POST <url>/api/v2/alerts}). A send succeeds when at
 * least one Alertmanager accepted the alerts, as in Thanos; otherwise they are counted as dropped. Thanos' metric
 * names: {@code thanos_alert_sender_alerts_sent_total{alertmanager}},
 * {@code thanos_alert_sender_errors_total{alertmanager}}, {@code thanos_alert_sender_latency_seconds{alertmanager}},
 * {@code thanos_alert_sender_alerts_dropped_total}.
 */
public final class AlertmanagerSender {

  private final List<AlertmanagerTarget> alertmanagers;
  private final List<HttpClient> clients;
  private final MeterRegistry registry;
  private final Counter dropped;

  /**
   * A sender to {@code alertmanagers} (base URLs, path prefix included).
   *
   * @param timeout {@code --alertmanagers.send-timeout}
   */
  public AlertmanagerSender(List<URI> alertmanagers, Duration timeout, HttpClient http, MeterRegistry registry) {
    this(alertmanagers.stream().map(u -> new AlertmanagerTarget(u, HttpClientConfig.NONE, timeout)).toList(), http,
        registry);
  }

  /**
   * A sender to {@code alertmanagers}, each with its own timeout and HTTP configuration.
   *
   * @param http the client for targets without a CA file of their own
   */
  public AlertmanagerSender(List<AlertmanagerTarget> alertmanagers, HttpClient http, MeterRegistry registry) {
    if (alertmanagers.isEmpty()) {
      throw new IllegalArgumentException("no Alertmanager to send to");
    }
    this.alertmanagers = List.copyOf(alertmanagers);
    this.clients = this.alertmanagers.stream().map(a -> a.http().client(http)).toList();
    this.registry = registry;
    this.dropped = Counter.builder("thanos_alert_sender_alerts_dropped_total")
        .description("Number of alerts dropped in case of all sends to Alertmanager failed.").register(registry);
    // every Alertmanager's series exist from the start (at 0), so dashboards show rates rather than no data
    for (AlertmanagerTarget am : this.alertmanagers) {
      latency(am.url().getAuthority());
      sent(am.url().getAuthority());
      errors(am.url().getAuthority());
    }
  }

  /** Prometheus' default histogram buckets (seconds), as Thanos' sender latency histogram uses. */
  private static final Duration[] DEFAULT_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
      Duration.ofSeconds(10)};

  private Timer latency(String name) {
    return Timer.builder("thanos_alert_sender_latency_seconds").description("Latency for sending alert notifications.")
        .serviceLevelObjectives(DEFAULT_BUCKETS).tag("alertmanager", name).register(registry);
  }

  private Counter sent(String name) {
    return Counter.builder("thanos_alert_sender_alerts_sent_total")
        .description("Total number of alerts sent by alertmanager.").tag("alertmanager", name).register(registry);
  }

  private Counter errors(String name) {
    return Counter.builder("thanos_alert_sender_errors_total")
        .description("Total number of errors while sending alerts to alertmanager.").tag("alertmanager", name)
        .register(registry);
  }

  /**
   * Sends the alerts to every Alertmanager.
   *
   * @return whether at least one accepted them
   */
  public boolean send(List<AlertNotification> alerts) {
    if (alerts.isEmpty()) {
      return true;
    }
    byte[] body = AlertmanagerV2Json.encode(alerts).getBytes(StandardCharsets.UTF_8);
    boolean anyAccepted = false;
    for (int i = 0; i < alertmanagers.size(); i++) {
      AlertmanagerTarget am = alertmanagers.get(i);
      String name = am.url().getAuthority();
      long start = System.nanoTime();
      boolean ok = post(am, clients.get(i), body);
      latency(name).record(Duration.ofNanos(System.nanoTime() - start));
      if (ok) {
        anyAccepted = true;
        sent(name).increment(alerts.size());
      } else {
        errors(name).increment();
      }
    }
    if (!anyAccepted) {
      dropped.increment(alerts.size());
    }
    return anyAccepted;
  }

  private boolean post(AlertmanagerTarget am, HttpClient http, byte[] body) {
    String url = am.url().toString();
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    try {
      HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + "/api/v2/alerts")).timeout(am.timeout())
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
      am.http().authorization().ifPresent(a -> req.header("Authorization", a));
      HttpResponse<Void> resp = http.send(req.build(), HttpResponse.BodyHandlers.discarding());
      return resp.statusCode() / 100 == 2;
    } catch (IOException | RuntimeException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
