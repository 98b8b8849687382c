package io.thanosjvm.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stand-in metric list for receive and rule reads the reference's rows, and only them. */
class FactsMetricCatalogueTest {

  @Test
  void receiveHasItsRowAndTheCommonFamilies() {
    Set<String> names = FactsMetricCatalogue.names("receive");
    assertThat(names).contains("thanos_receive_replications_total", "thanos_receive_hashring_nodes",
        "thanos_receive_write_timeseries", "http_requests_total", "http_request_duration_seconds_bucket",
        "grpc_server_handled_total", "thanos_objstore_bucket_operations_total", "thanos_shipper_uploads_total");
    assertThat(names).doesNotContain("thanos_compact_halted", "prometheus_rule_evaluations_total");
    assertThat(FactsMetricCatalogue.covers(names, "thanos_receive_write_timeseries_sum")).isTrue();
    assertThat(FactsMetricCatalogue.covers(names, "thanos_receive_made_up_total")).isFalse();
  }

  @Test
  void ruleExpandsTheSharedPrefixOfItsRow() {
    Set<String> names = FactsMetricCatalogue.names("rule");
    assertThat(names).contains("prometheus_rule_evaluation_failures_total", "thanos_alert_sender_alerts_sent_total",
        "thanos_alert_sender_alerts_dropped_total", "thanos_alert_sender_errors_total",
        "thanos_alert_sender_latency_seconds", "thanos_alert_queue_alerts_dropped_total");
    assertThat(names).doesNotContain("thanos_receive_replications_total");
  }
}
